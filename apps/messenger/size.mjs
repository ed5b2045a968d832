// Prints the gzip -9 sizes of the built Messenger (loader + frame script + frame stylesheet), in bytes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('./dist/', import.meta.url);
const gzip = (name) => gzipSync(readFileSync(new URL(name, dist)), { level: 9 }).length;
const loader = gzip('loader.js');
const frame = gzip('frame.js') + gzip('frame.css');
console.log(JSON.stringify({ loader_gzip: loader, frame_gzip: frame, total_gzip: loader + frame }));

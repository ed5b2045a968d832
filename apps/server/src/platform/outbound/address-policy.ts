import net from 'node:net';

/**
 * Which addresses the server may connect to on its own initiative. Loopback, private, link-local,
 * carrier-grade NAT, multicast, reserved and cloud-metadata addresses are refused — they reach the
 * server's own network, not the customer's — unless the operator lists them in OUTBOUND_ALLOWLIST.
 */

/** An address as 4 (IPv4) or 16 (IPv6) bytes. */
type Bytes = number[];

interface Range {
  bytes: Bytes;
  bits: number;
}

export function parseIp(text: string): Bytes | undefined {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(address);
  if (family === 4) return address.split('.').map(Number);
  if (family !== 6) return undefined;
  let tail: Bytes = [];
  let head = address;
  const v4 = address.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4?.[1] && v4[2]) {
    head = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
    tail = v4[2].split('.').map(Number);
  }
  const [left = '', right] = head.split('::');
  const groups = (part: string) => (part ? part.split(':').map((group) => Number.parseInt(group, 16)) : []);
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - tail.length / 2 - leftGroups.length - rightGroups.length;
  const all = [...leftGroups, ...Array(right === undefined ? 0 : missing).fill(0), ...rightGroups];
  return [...all.flatMap((group) => [group >> 8, group & 0xff]), ...tail];
}

function formatIp(bytes: Bytes): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length && length > 1) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** IPv4 addresses carried inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d) are judged as IPv4. */
function unwrapIpv4(bytes: Bytes): Bytes {
  if (bytes.length !== 16) return bytes;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const mapped = zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff;
  const compatible = zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1);
  const nat64 = bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12);
  return mapped || compatible || nat64 ? bytes.slice(12) : bytes;
}

function parseRange(text: string): Range | undefined {
  const [address = '', bitsText] = text.split('/');
  const bytes = parseIp(address);
  if (!bytes) return undefined;
  const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) return undefined;
  return { bytes, bits };
}

function inRange(bytes: Bytes, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

const forbidden: [string, string][] = [
  ['169.254.169.254/32', 'a cloud metadata address'],
  ['168.63.129.16/32', 'a cloud metadata address'],
  ['fd00:ec2::254/128', 'a cloud metadata address'],
  ['0.0.0.0/8', 'a "this network" address'],
  ['10.0.0.0/8', 'a private address'],
  ['100.64.0.0/10', 'a carrier-grade NAT address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['172.16.0.0/12', 'a private address'],
  ['192.0.0.0/24', 'a reserved address'],
  ['192.168.0.0/16', 'a private address'],
  ['198.18.0.0/15', 'a reserved address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved address'],
  ['::/128', 'an unspecified address'],
  ['::1/128', 'a loopback address'],
  ['100::/64', 'a reserved address'],
  ['fc00::/7', 'a private address'],
  ['fe80::/10', 'a link-local address'],
  ['fec0::/10', 'a private address'],
  ['ff00::/8', 'a multicast address'],
];

const forbiddenRanges = forbidden.map(([text, reason]) => ({ range: parseRange(text) as Range, reason }));

/** Why an address may not be reached by default, or undefined for a public address. */
export function forbiddenReason(address: string): string | undefined {
  const bytes = parseIp(address);
  if (!bytes) return 'not an IP address';
  const judged = unwrapIpv4(bytes);
  return forbiddenRanges.find(({ range }) => inRange(judged, range))?.reason;
}

export interface OutboundPolicy {
  /** Undefined when the address may be reached (for a URL naming `host`), else why not. */
  refusal(host: string, address: string): string | undefined;
}

/** A policy admitting the OUTBOUND_ALLOWLIST entries: exact host names, `*.domain` suffixes, IPs and CIDRs. */
export function createOutboundPolicy(allowlist: readonly string[]): OutboundPolicy {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const ranges: Range[] = [];
  for (const entry of allowlist) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else hosts.add(entry.toLowerCase());
  }
  const hostAllowed = (host: string) => {
    const name = host.toLowerCase().replace(/\.$/, '');
    return hosts.has(name) || suffixes.some((suffix) => name.endsWith(suffix));
  };
  return {
    refusal(host, address) {
      const reason = forbiddenReason(address);
      if (!reason || hostAllowed(host)) return undefined;
      const bytes = parseIp(address) as Bytes;
      if (ranges.some((range) => inRange(bytes, range) || inRange(unwrapIpv4(bytes), range))) return undefined;
      const shown = formatIp(unwrapIpv4(bytes));
      return `${host === shown ? shown : `${host} (${shown})`} is ${reason}; add it to OUTBOUND_ALLOWLIST to allow it`;
    },
  };
}

/** A piece of a search snippet: plain text, or a match to highlight. */
export interface SnippetPiece {
  text: string;
  match: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Reads a server snippet (escaped text with matches in <mark>…</mark>) into text pieces. Any other
 * tag is dropped, so whatever the snippet holds, the page only ever renders text.
 */
export function parseSnippet(html: string): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let match = false;
  for (const token of html.split(/(<\/?mark\s*>)/i)) {
    if (/^<mark\s*>$/i.test(token)) match = true;
    else if (/^<\/mark\s*>$/i.test(token)) match = false;
    else {
      const text = decodeEntities(token.replace(/<[^>]*>/g, ''));
      if (!text) continue;
      const last = pieces.at(-1);
      if (last && last.match === match) last.text += text;
      else pieces.push({ text, match });
    }
  }
  return pieces;
}

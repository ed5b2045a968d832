/**
 * The composer writes plain text with a few marks — **bold**, _italic_, [text](https://…), lines
 * starting with "- " or "1. " — and sends HTML the server sanitizes again. Saved replies arrive as
 * HTML and come back to the same marks (htmlToText), so the teammate can still edit them.
 */
export interface Mention {
  id: string;
  name: string;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const bulletLine = /^\s*[-*•]\s+(.*)$/;
const numberLine = /^\s*\d+[.)]\s+(.*)$/;

export function textToHtml(text: string, mentions: Mention[] = []): string {
  const inline = inlineRenderer(mentions);
  const blocks = text.replace(/\r\n?/g, '\n').trim().split(/\n{2,}/);
  return blocks.map((block) => blockToHtml(block, inline)).join('');
}

function blockToHtml(block: string, inline: (text: string) => string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  for (const line of block.split('\n')) {
    const bullet = bulletLine.exec(line);
    const numbered = bullet ? null : numberLine.exec(line);
    const item = (bullet ?? numbered)?.[1];
    if (item === undefined) {
      flushList();
      paragraph.push(line);
      continue;
    }
    const tag = bullet ? 'ul' : 'ol';
    flushParagraph();
    const open: { tag: 'ul' | 'ol'; items: string[] } | undefined = list;
    if (open && open.tag === tag) {
      open.items.push(item);
    } else {
      flushList();
      list = { tag, items: [item] };
    }
  }
  flushParagraph();
  flushList();
  return out.join('');
}

/** Marks within a line, tried left to right; text between them is escaped. */
function inlineRenderer(mentions: Mention[]): (text: string) => string {
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const mentionPattern = names.length ? `(${names.map((m) => escapeRegExp(`@${m.name}`)).join('|')})|` : '';
  const byName = new Map(names.map((m) => [`@${m.name}`, m]));
  return (text: string) => {
    const pattern = new RegExp(
      `${mentionPattern}\\[([^\\]\\n]+)\\]\\((https?://[^\\s)]+|mailto:[^\\s)]+)\\)|\\*\\*([^*\\n]+)\\*\\*|(?<![\\w*])_([^_\\n]+)_(?!\\w)|(https?://[^\\s<]+[^\\s<.,;:!?)\\]'"])`,
      'g',
    );
    let html = '';
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const [whole] = match;
      const offset = names.length ? 1 : 0;
      const mention = names.length ? match[1] : undefined;
      const [linkText, linkUrl, bold, italic, bare] = [match[1 + offset], match[2 + offset], match[3 + offset], match[4 + offset], match[5 + offset]];
      html += escapeHtml(text.slice(last, match.index));
      last = match.index + whole.length;
      if (mention) {
        const person = byName.get(mention);
        html += person ? `<span data-mention="${escapeHtml(person.id)}">${escapeHtml(mention)}</span>` : escapeHtml(mention);
      } else if (linkText !== undefined && linkUrl !== undefined) {
        html += `<a href="${escapeHtml(linkUrl)}">${escapeHtml(linkText)}</a>`;
      } else if (bold !== undefined) {
        html += `<strong>${escapeHtml(bold)}</strong>`;
      } else if (italic !== undefined) {
        html += `<em>${escapeHtml(italic)}</em>`;
      } else if (bare !== undefined) {
        html += `<a href="${escapeHtml(bare)}">${escapeHtml(bare)}</a>`;
      }
    }
    return html + escapeHtml(text.slice(last));
  };
}

/** Sanitized HTML (a rendered saved reply) back to the composer's marks, with the mentions it holds. */
export function htmlToText(html: string): { text: string; mentions: Mention[] } {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const mentions: Mention[] = [];
  const blocks: string[] = [];
  let line = '';
  const endBlock = () => {
    if (line.trim()) blocks.push(line.trim());
    line = '';
  };
  const walk = (node: Node, listTag?: string, index?: number) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    const children = () => {
      let item = 0;
      for (const child of Array.from(element.childNodes)) {
        const isItem = child.nodeType === Node.ELEMENT_NODE && (child as Element).tagName.toLowerCase() === 'li';
        walk(child, tag, isItem ? ++item : undefined);
      }
    };
    switch (tag) {
      case 'script':
      case 'style':
      case 'template':
        return;
      case 'br':
        line += '\n';
        return;
      case 'strong':
      case 'b':
        line += '**';
        children();
        line += '**';
        return;
      case 'em':
      case 'i':
        line += '_';
        children();
        line += '_';
        return;
      case 'a': {
        const href = element.getAttribute('href') ?? '';
        const label = element.textContent ?? '';
        line += /^(https?:|mailto:)/i.test(href) && label !== href ? `[${label}](${href})` : label || href;
        return;
      }
      case 'span': {
        const id = element.getAttribute('data-mention');
        const label = (element.textContent ?? '').trim();
        if (id && label.startsWith('@')) mentions.push({ id, name: label.slice(1) });
        children();
        return;
      }
      case 'li':
        line += listTag === 'ol' ? `${index ?? 1}. ` : '- ';
        children();
        line += '\n';
        return;
      case 'p':
      case 'div':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'blockquote':
      case 'pre':
      case 'ul':
      case 'ol':
        endBlock();
        children();
        endBlock();
        return;
      default:
        children();
    }
  };
  walk(parsed.body);
  endBlock();
  return { text: blocks.map((block) => block.replace(/[ \t]+\n/g, '\n').replace(/\n+$/, '')).join('\n\n'), mentions };
}

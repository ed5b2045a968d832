/**
 * Message bodies are sanitized by the server; the frame sanitizes them again with its own allowlist
 * before they touch the page. The HTML is parsed by DOMParser (an inert document: no script runs and
 * nothing loads), and only allowed elements are rebuilt as new nodes; everything else keeps its text
 * at most. Nothing is ever assigned through innerHTML.
 */
const keep = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'A', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'CODE', 'PRE', 'H1', 'H2', 'H3', 'IMG', 'SPAN']);
/** Elements whose content is not text a person wrote: dropped entirely. */
const drop = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TITLE', 'TEXTAREA', 'SELECT', 'HEAD']);
const maxDepth = 32;

export function safeUrl(value: string | null | undefined, schemes: RegExp = /^(https?|mailto|tel):$/): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return schemes.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function sanitizedFragment(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  copyChildren(parsed.body, fragment, 0);
  return fragment;
}

/** The text of a body, for previews. */
export function plainText(html: string | null): string {
  return (sanitizedFragment(html ?? '').textContent ?? '').replace(/\s+/g, ' ').trim();
}

function copyChildren(from: Node, to: Node, depth: number): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE || depth > maxDepth) continue;
    const tag = (child as Element).tagName.toUpperCase();
    if (drop.has(tag)) continue;
    if (!keep.has(tag)) {
      copyChildren(child, to, depth + 1);
      continue;
    }
    const copy = copyElement(child as Element, tag);
    if (!copy) continue;
    copyChildren(child, copy, depth + 1);
    to.appendChild(copy);
  }
}

function copyElement(element: Element, tag: string): Element | null {
  const copy = document.createElement(tag.toLowerCase());
  if (tag === 'A') {
    const href = safeUrl(element.getAttribute('href'));
    if (href) {
      copy.setAttribute('href', href);
      copy.setAttribute('target', '_blank');
      copy.setAttribute('rel', 'noopener noreferrer nofollow ugc');
    }
  } else if (tag === 'IMG') {
    const src = safeUrl(element.getAttribute('src'), /^https?:$/);
    if (!src) return null;
    copy.setAttribute('src', src);
    copy.setAttribute('alt', element.getAttribute('alt') ?? '');
    copy.setAttribute('loading', 'lazy');
    copy.setAttribute('referrerpolicy', 'no-referrer');
  }
  return copy;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** What the visitor typed, as the HTML the API stores: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"]/g, (c) => escapes[c] ?? c).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

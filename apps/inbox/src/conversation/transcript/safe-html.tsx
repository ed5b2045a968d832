import { createElement, type ReactNode } from 'react';

/**
 * Message bodies arrive sanitized by the server; the Inbox sanitizes them again before they reach the
 * page. DOMParser builds an inert document (no script runs, nothing loads), and only allowlisted
 * elements are rebuilt as React elements with allowlisted attributes; other elements keep their text.
 * Nothing is ever assigned through innerHTML.
 */
const keep = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h1', 'h2', 'h3', 'img', 'span']);
/** Elements whose content is not text a person wrote: dropped with their content. */
const drop = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select', 'head', 'frameset']);
const maxDepth = 32;
const voidElements = new Set(['br', 'img']);

/** An absolute URL with an allowed scheme, or null. Relative URLs are refused: they would point into the Inbox. */
export function absoluteUrl(value: string | null | undefined, schemes: readonly string[] = ['http:', 'https:', 'mailto:', 'tel:']): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function SafeHtml({ html, className }: { html: string | null; className?: string }) {
  return <div className={className}>{sanitizedNodes(html ?? '')}</div>;
}

export function sanitizedNodes(html: string): ReactNode[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return childrenOf(parsed.body, 0);
}

/** The text of a body, for previews and accessible names. */
export function plainText(html: string | null): string {
  if (!html) return '';
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of Array.from(parsed.body.querySelectorAll('script, style, template'))) element.remove();
  return (parsed.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function childrenOf(parent: Node, depth: number): ReactNode[] {
  const nodes: ReactNode[] = [];
  for (const [index, child] of Array.from(parent.childNodes).entries()) {
    if (child.nodeType === Node.TEXT_NODE) {
      nodes.push(child.textContent ?? '');
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE || depth > maxDepth) continue;
    const element = child as Element;
    const tag = element.tagName.toLowerCase();
    if (drop.has(tag)) continue;
    if (!keep.has(tag)) {
      nodes.push(...childrenOf(element, depth + 1));
      continue;
    }
    const props = propsOf(element, tag);
    if (!props) continue;
    const key = `${depth}-${index}`;
    nodes.push(voidElements.has(tag) ? createElement(tag, { ...props, key }) : createElement(tag, { ...props, key }, ...childrenOf(element, depth + 1)));
  }
  return nodes;
}

function propsOf(element: Element, tag: string): Record<string, string> | null {
  switch (tag) {
    case 'a': {
      const href = absoluteUrl(element.getAttribute('href'));
      return href ? { href, target: '_blank', rel: 'noopener noreferrer nofollow ugc' } : {};
    }
    case 'img': {
      const src = absoluteUrl(element.getAttribute('src'), ['http:', 'https:']);
      if (!src) return null;
      return { src, alt: element.getAttribute('alt') ?? '', loading: 'lazy', referrerPolicy: 'no-referrer', className: 'message-inline-image' };
    }
    case 'span': {
      const mention = element.getAttribute('data-mention');
      return mention && /^[0-9]{1,15}$/.test(mention) ? { className: 'mention', 'data-mention': mention } : {};
    }
    default:
      return {};
  }
}

/**
 * Saved-reply and macro bodies come back from the server as sanitized HTML. The editor is a plain
 * textarea: simple paragraphs are shown as text (blank lines between paragraphs), anything richer as
 * its HTML, which the server sanitizes again on save.
 */

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0', '&amp;': '&' };
const decode = (text: string) => text.replace(/&(lt|gt|quot|#39|nbsp|amp);/g, (entity) => entities[entity] ?? entity);

/** Only <p> and <br>: the body was written as plain text. */
const isPlainParagraphs = (html: string) => !/<(?!\/?p>|br\s*\/?>)[^>]*>/i.test(html);

/** What the textarea shows for a stored body. */
export function editableText(html: string): string {
  if (!isPlainParagraphs(html)) return html;
  const paragraphs = html.match(/<p>([\s\S]*?)<\/p>/g);
  if (!paragraphs) return decode(html.replace(/<br\s*\/?>/gi, '\n'));
  return paragraphs.map((paragraph) => decode(paragraph.slice(3, -4).replace(/<br\s*\/?>/gi, '\n'))).join('\n\n');
}

/** A one-line plain-text excerpt of a stored body, for lists (never rendered as HTML). */
export function excerpt(html: string, length = 120): string {
  const text = decode(html.replace(/<br\s*\/?>|<\/(p|li|h[1-3]|blockquote|pre)>/gi, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

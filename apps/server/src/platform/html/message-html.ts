import sanitizeHtml from 'sanitize-html';

const mentionPattern = /^[0-9]{1,15}$/;

/**
 * Message bodies are stored as sanitized HTML. Plain text is escaped and its line breaks become
 * paragraphs; HTML keeps only an allowlist of formatting, and links get rel="noopener noreferrer nofollow".
 */
const allowlist: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h1', 'h2', 'h3', 'img', 'span'],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'width', 'height'], span: ['data-mention'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    // An Inbox note's @mention: `<span data-mention="<teammate id>">`; any other value is dropped.
    span: (tagName, attribs): sanitizeHtml.Tag => {
      const mention = attribs['data-mention'];
      return { tagName, attribs: mention !== undefined && mentionPattern.test(mention) ? { 'data-mention': mention } : {} };
    },
  },
  disallowedTagsMode: 'discard',
};

const looksLikeHtml = (text: string) => /<\/?[a-z][\s\S]*>/i.test(text);

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function toMessageHtml(body: string): string {
  if (!looksLikeHtml(body)) {
    return body
      .trim()
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
      .join('');
  }
  return sanitizeHtml(body, allowlist);
}

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/**
 * `display_as=plaintext` and list previews: the text of stored HTML, line breaks kept. Stored HTML is
 * toMessageHtml's output, where every `<`, `>` and `"` outside markup is escaped, so tags are exactly
 * what a regular expression finds (a parser here cost more than the rest of an Inbox page).
 */
export function toPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h[1-3]|blockquote|pre)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity)
    .trim();
}

/**
 * Placeholders in saved replies and macros: `{{contact.first_name}}`, with an optional fallback
 * `{{contact.first_name | "there"}}` (Intercom's `| fallback: "there"` is accepted too). Bodies are
 * stored as sanitized HTML, where a plain-text body's quotes became `&quot;`: both spellings parse.
 */

/** The values of one rendering; a missing, null or blank value falls back. */
export interface PlaceholderValues {
  contact: { name: string | null; email: string | null; customAttributes: Record<string, unknown> } | null;
  teammate: { name: string | null } | null;
  conversationId: string | null;
}

const quote = '(?:"|&quot;)';
const placeholder = new RegExp(
  String.raw`\{\{\s*([^{}|"&<>\s](?:[^{}|"&<>]{0,198}[^{}|"&<>\s])?)\s*(?:\|\s*(?:fallback\s*:\s*)?${quote}((?:(?!${quote})[^{}]){0,500})${quote}\s*)?\}\}`,
  'g',
);

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The stored fallback is already HTML text (sanitized): decode it, so escaping once gives it back safely. */
const decodeHtmlText = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&nbsp;', '\u00a0')
    .replaceAll('&amp;', '&');

const firstName = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] ?? null;

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** The value a placeholder names, as plain text; null when unknown or empty. */
export function placeholderValue(path: string, values: PlaceholderValues): string | null {
  const { contact, teammate } = values;
  const customPrefix = 'contact.custom_attributes.';
  if (path.startsWith(customPrefix)) {
    const key = path.slice(customPrefix.length);
    return contact && Object.hasOwn(contact.customAttributes, key) ? textOf(contact.customAttributes[key]) : null;
  }
  switch (path) {
    case 'contact.first_name':
      return firstName(contact?.name);
    case 'contact.name':
      return contact?.name ?? null;
    case 'contact.email':
      return contact?.email ?? null;
    case 'teammate.name':
      return teammate?.name ?? null;
    case 'teammate.first_name':
      return firstName(teammate?.name);
    case 'conversation.id':
      return values.conversationId;
    default:
      return null;
  }
}

/**
 * Fills every placeholder of a stored (sanitized HTML) body. Values are HTML-escaped; an unknown
 * placeholder or an empty value gives the fallback, or nothing.
 */
export function renderPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(placeholder, (_match, path: string, fallback: string | undefined) => {
    const value = placeholderValue(path, values);
    if (value !== null && value.trim() !== '') return escapeHtml(value);
    return fallback === undefined ? '' : escapeHtml(decodeHtmlText(fallback));
  });
}

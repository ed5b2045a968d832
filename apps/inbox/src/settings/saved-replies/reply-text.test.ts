import { describe, expect, it } from 'vitest';
import { editableText, excerpt } from './reply-text.ts';

describe('saved reply text in the editor', () => {
  it('shows plain paragraphs as text, entities decoded', () => {
    expect(editableText('<p>Hi {{contact.first_name | &quot;there&quot;}},</p><p>line one<br>line &amp; two</p>')).toBe(
      'Hi {{contact.first_name | "there"}},\n\nline one\nline & two',
    );
  });

  it('keeps richer bodies as HTML', () => {
    const html = '<p>See <a href="https://example.test" rel="noopener noreferrer nofollow" target="_blank">this</a></p>';
    expect(editableText(html)).toBe(html);
  });

  it('makes a short plain excerpt for lists', () => {
    expect(excerpt('<p>Hello <b>there</b></p><p>&lt;img&gt; &amp; more</p>')).toBe('Hello there <img> & more');
    expect(excerpt(`<p>${'a'.repeat(200)}</p>`, 10)).toBe('aaaaaaaaa…');
  });
});

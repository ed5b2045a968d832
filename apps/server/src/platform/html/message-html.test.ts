import { describe, expect, it } from 'vitest';
import { toMessageHtml, toPlainText } from './message-html.ts';

describe('toPlainText of stored message HTML', () => {
  it('keeps the text a customer wrote, markup-like characters and entities included', () => {
    const stored = toMessageHtml('Is 3 < 4 && "x" > y?\nI\'m sure &amp; &lt;not&gt; markup');
    expect(toPlainText(stored)).toBe('Is 3 < 4 && "x" > y?\nI\'m sure &amp; &lt;not&gt; markup');
  });

  it('drops tags, keeps line breaks between blocks, and reads attributes holding ">" as part of their tag', () => {
    const stored = toMessageHtml(
      '<p>Hello <a href="https://example.com/?a>b" title="x > y">there</a></p><ul><li>one</li><li>two</li></ul><p>bye<br>now <span data-mention="7">@Ana</span></p><script>alert(1)</script>',
    );
    expect(toPlainText(stored)).toBe('Hello there\none\ntwo\nbye\nnow @Ana');
  });
});

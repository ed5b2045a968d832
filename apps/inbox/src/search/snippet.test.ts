import { describe, expect, test } from 'vitest';
import { parseSnippet } from './snippet.ts';

describe('search snippets', () => {
  test('matches in <mark> are highlighted, escaped text is read as text', () => {
    expect(parseSnippet('Where is my <mark>order</mark> &lt;b&gt;#1234&lt;/b&gt; &amp; more')).toEqual([
      { text: 'Where is my ', match: false },
      { text: 'order', match: true },
      { text: ' <b>#1234</b> & more', match: false },
    ]);
  });
  test('anything but <mark> is dropped, so only text ever renders', () => {
    expect(parseSnippet('<img src=x onerror=alert(1)>hi <MARK>there</MARK><script>x</script>')).toEqual([
      { text: 'hi ', match: false },
      { text: 'there', match: true },
      { text: 'x', match: false },
    ]);
  });
});

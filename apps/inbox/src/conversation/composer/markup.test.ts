import { describe, expect, it } from 'vitest';
import { textToHtml } from './markup.ts';

describe('the composer text a teammate types becomes the HTML sent', () => {
  it('escapes everything a customer-facing reply could carry as markup', () => {
    expect(textToHtml('<img src=x onerror=alert(1)> & "quotes"')).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>');
  });

  it('keeps paragraphs and line breaks', () => {
    expect(textToHtml('Hi Vera,\nthanks!\n\nBest')).toBe('<p>Hi Vera,<br>thanks!</p><p>Best</p>');
  });

  it('formats bold, italic, links and bare URLs', () => {
    expect(textToHtml('**Done** _now_ see [the guide](https://example.com/a?b=1&c=2) or https://example.com.')).toBe(
      '<p><strong>Done</strong> <em>now</em> see <a href="https://example.com/a?b=1&amp;c=2">the guide</a> or <a href="https://example.com">https://example.com</a>.</p>',
    );
  });

  it('does not treat snake_case words or javascript: links as marks', () => {
    expect(textToHtml('set my_var_name and [x](javascript:alert(1))')).toBe('<p>set my_var_name and [x](javascript:alert(1))</p>');
  });

  it('turns "- " and "1. " lines into lists, next to paragraph lines', () => {
    expect(textToHtml('Steps:\n- open settings\n- click **Save**\n1. first')).toBe(
      '<p>Steps:</p><ul><li>open settings</li><li>click <strong>Save</strong></li></ul><ol><li>first</li></ol>',
    );
  });

  it('wraps mentions picked from the typeahead, and only those', () => {
    expect(textToHtml('@Sam Lee can you check? cc @Nobody', [{ id: '42', name: 'Sam Lee' }])).toBe(
      '<p><span data-mention="42">@Sam Lee</span> can you check? cc @Nobody</p>',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { bulletLines, linkAt, wrapSelection } from './edits.ts';
import { triggerAt } from './trigger.ts';

describe('formatting buttons edit the selection', () => {
  it('wraps the selection in bold marks and keeps it selected', () => {
    expect(wrapSelection('make this bold', 5, 9, '**')).toEqual({ text: 'make **this** bold', selectionStart: 7, selectionEnd: 11 });
  });

  it('makes a link with the URL part selected to type over', () => {
    const edit = linkAt('see docs', 4, 8);
    expect(edit.text).toBe('see [docs](https://)');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe('https://');
  });

  it('bullets the lines of the selection, and unbullets them', () => {
    const on = bulletLines('a\nb\nc', 0, 3);
    expect(on.text).toBe('- a\n- b\nc');
    expect(bulletLines(on.text, 0, 7).text).toBe('a\nb\nc');
  });
});

describe('typeahead triggers', () => {
  it('"@" asks for teammates in notes only', () => {
    expect(triggerAt('hey @sa', 7, true)).toEqual({ kind: 'mention', start: 4, query: 'sa' });
    expect(triggerAt('hey @sa', 7, false)).toBeNull();
  });

  it('"#" and "/" ask for saved replies, but not inside URLs or words', () => {
    expect(triggerAt('#ref', 4, false)).toEqual({ kind: 'saved_reply', start: 0, query: 'ref' });
    expect(triggerAt('x /ref', 6, false)).toEqual({ kind: 'saved_reply', start: 2, query: 'ref' });
    expect(triggerAt('https://a', 9, false)).toBeNull();
    expect(triggerAt('issue#12', 8, false)).toBeNull();
  });
});

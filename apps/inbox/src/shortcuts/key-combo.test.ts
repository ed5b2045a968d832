import { describe, expect, test } from 'vitest';
import { describeKeys, matchesStroke, parseKeys } from './key-combo.ts';
import { resolveKey } from './shortcuts.tsx';

const press = (key: string, modifiers: Partial<{ metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('keyboard shortcuts', () => {
  test('strokes and modifiers, Cmd on Apple keyboards and Ctrl elsewhere', () => {
    const [modK] = parseKeys('mod+k');
    expect(modK && matchesStroke(modK, press('k', { ctrlKey: true }), false)).toBe(true);
    expect(modK && matchesStroke(modK, press('k', { metaKey: true }), true)).toBe(true);
    expect(modK && matchesStroke(modK, press('k', { metaKey: true }), false)).toBe(false);
    const [shiftA] = parseKeys('shift+a');
    expect(shiftA && matchesStroke(shiftA, press('A', { shiftKey: true }), false)).toBe(true);
    expect(shiftA && matchesStroke(shiftA, press('a'), false)).toBe(false);
    const [question] = parseKeys('?');
    expect(question && matchesStroke(question, press('?', { shiftKey: true }), false)).toBe(true);
  });

  test('a sequence ("g" then "i") starts, then completes', () => {
    const entries = [{ strokes: parseKeys('g i') }, { strokes: parseKeys('g a') }, { strokes: parseKeys('j') }];
    const started = resolveKey(entries, [], press('g'));
    expect(started.startsSequence).toEqual(parseKeys('g'));
    expect(resolveKey(entries, parseKeys('g'), press('a'))).toEqual({ complete: 1 });
    expect(resolveKey(entries, [], press('j'))).toEqual({ complete: 2 });
    expect(resolveKey(entries, [], press('x'))).toEqual({});
  });

  test('the help overlay shows keys as people read them', () => {
    expect(describeKeys('mod+k', false)).toEqual([['Ctrl', 'K']]);
    expect(describeKeys('g i', true)).toEqual([['G'], ['I']]);
    expect(describeKeys('escape', true)).toEqual([['Esc']]);
  });
});

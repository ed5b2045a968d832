/** What the teammate is typing right before the caret that asks for a suggestion. */
export interface Trigger {
  kind: 'mention' | 'saved_reply';
  /** Where the trigger character is in the text. */
  start: number;
  query: string;
}

const triggerPattern = /(?:^|\s)([@#/])([^\s@#/]{0,40})$/;

/** "@na" in a note asks for teammates; "#ref" or "/ref" asks for saved replies. */
export function triggerAt(text: string, caret: number, noteMode: boolean): Trigger | null {
  const match = triggerPattern.exec(text.slice(0, caret));
  if (!match) return null;
  const [, char, query = ''] = match;
  if (char === '@' && !noteMode) return null;
  return { kind: char === '@' ? 'mention' : 'saved_reply', start: caret - query.length - 1, query };
}

/** Formatting edits of the composer's text: the new text and what stays selected. */
export interface Edit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/** Wraps the selection in a mark ("**" bold, "_" italic); with nothing selected, places the caret between two marks. */
export function wrapSelection(text: string, start: number, end: number, mark: string): Edit {
  const selected = text.slice(start, end);
  const next = text.slice(0, start) + mark + selected + mark + text.slice(end);
  return { text: next, selectionStart: start + mark.length, selectionEnd: end + mark.length };
}

/** Makes the selection a link: a selected URL links to itself; other text gets "(https://)" selected to type over. */
export function linkAt(text: string, start: number, end: number): Edit {
  const selected = text.slice(start, end);
  if (/^https?:\/\/\S+$/.test(selected)) {
    const link = `[${selected}](${selected})`;
    return { text: text.slice(0, start) + link + text.slice(end), selectionStart: start + link.length, selectionEnd: start + link.length };
  }
  const label = selected || 'link text';
  const head = `[${label}](`;
  const next = `${text.slice(0, start)}${head}https://)${text.slice(end)}`;
  const urlStart = start + head.length;
  return { text: next, selectionStart: urlStart, selectionEnd: urlStart + 'https://'.length };
}

/** Starts every line of the selection (or the caret's line) with "- ", or removes it when all have it. */
export function bulletLines(text: string, start: number, end: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const all = lines.every((line) => line.startsWith('- '));
  const changed = lines.map((line) => (all ? line.slice(2) : `- ${line}`)).join('\n');
  const next = text.slice(0, lineStart) + changed + text.slice(lineEnd);
  return { text: next, selectionStart: lineStart + changed.length, selectionEnd: lineStart + changed.length };
}

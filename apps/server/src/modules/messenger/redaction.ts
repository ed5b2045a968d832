/**
 * Redaction of what visitors write, before it is stored: card numbers (13 to 19 digits, spaces or
 * dashes between them allowed, passing the Luhn check) and the workspace's own patterns are replaced
 * by a visible marker.
 */

export const redactionMarker = '[redacted]';
export const maxPatternLength = 200;
export const maxPatterns = 20;

/** Runs of digits, single spaces or dashes between them: where card numbers may be. */
const digitRun = /\d(?:[ -]?\d)*/g;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A group wrapping a quantified expression, itself quantified: the shape of catastrophic backtracking. */
const nestedQuantifier = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** A configured pattern compiled, or the reason it cannot be used. */
export function compileRedactionPattern(pattern: string): RegExp | string {
  if (pattern.length === 0 || pattern.length > maxPatternLength) return `must be 1 to ${maxPatternLength} characters`;
  if (nestedQuantifier.test(pattern)) return 'must not repeat a group that itself repeats (it could take too long on some messages)';
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, 'g');
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  if (compiled.test('')) return 'must not match an empty text';
  compiled.lastIndex = 0;
  return compiled;
}

/**
 * Card numbers inside one run of digit groups ("4111 1111 1111 1111 22"): from the left, the longest
 * span of whole groups holding 13 to 19 digits that passes Luhn is replaced. A run of more than 19
 * digits without separators is an identifier, not a card.
 */
function redactCardsInRun(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length, digits: match[0] }));
  let output = '';
  let copied = 0;
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    let digits = '';
    for (let j = i; j < groups.length && digits.length + (groups[j] as { digits: string }).digits.length <= 19; j++) {
      digits += (groups[j] as { digits: string }).digits;
      if (digits.length >= 13 && passesLuhn(digits)) found = j;
    }
    if (found < 0) {
      i++;
      continue;
    }
    output += run.slice(copied, (groups[i] as { start: number }).start) + redactionMarker;
    copied = (groups[found] as { end: number }).end;
    i = found + 1;
  }
  return output + run.slice(copied);
}

export interface RedactionRules {
  cardNumbers: boolean;
  patterns: RegExp[];
}

/** The text with every card number and pattern match replaced by the marker, and whether anything was. */
export function redact(text: string, rules: RedactionRules): { text: string; redacted: boolean } {
  let redacted = false;
  let result = text;
  if (rules.cardNumbers) {
    result = result.replace(digitRun, (run) => {
      const replaced = redactCardsInRun(run);
      if (replaced !== run) redacted = true;
      return replaced;
    });
  }
  for (const pattern of rules.patterns) {
    pattern.lastIndex = 0;
    result = result.replace(pattern, (match) => {
      if (match === redactionMarker) return match;
      redacted = true;
      return redactionMarker;
    });
  }
  return { text: result, redacted };
}

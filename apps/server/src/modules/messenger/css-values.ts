import { hasControlCharacter } from './control-characters.ts';

/**
 * The CSS values a workspace may set for its Messenger. They end up in the Messenger's stylesheet, so
 * anything that could close a declaration or a rule, or open markup, is refused rather than escaped.
 */

const namedColors = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue ' +
    'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey ' +
    'darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray ' +
    'darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen ' +
    'fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender ' +
    'lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey ' +
    'lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
    'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen ' +
    'mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange ' +
    'orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray ' +
    'slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen transparent'
  ).split(' '),
);

const hex = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const number = String.raw`\d{1,3}(?:\.\d+)?`;
const alpha = String.raw`(?:\d*\.?\d+%?)`;
const channel = `${number}%?`;
const hue = `${number}(?:deg)?`;
const percent = `${number}%`;
const functional = [
  new RegExp(String.raw`^rgba?\(\s*${channel}\s*,\s*${channel}\s*,\s*${channel}\s*(?:,\s*${alpha}\s*)?\)$`, 'i'),
  new RegExp(String.raw`^rgba?\(\s*${channel}\s+${channel}\s+${channel}\s*(?:/\s*${alpha}\s*)?\)$`, 'i'),
  new RegExp(String.raw`^hsla?\(\s*${hue}\s*,\s*${percent}\s*,\s*${percent}\s*(?:,\s*${alpha}\s*)?\)$`, 'i'),
  new RegExp(String.raw`^hsla?\(\s*${hue}\s+${percent}\s+${percent}\s*(?:/\s*${alpha}\s*)?\)$`, 'i'),
];

/** A CSS color: hex (#rgb, #rgba, #rrggbb, #rrggbbaa), rgb()/rgba(), hsl()/hsla(), or a named color. */
export function isCssColor(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length > 64) return false;
  return hex.test(trimmed) || namedColors.has(trimmed.toLowerCase()) || functional.some((pattern) => pattern.test(trimmed));
}

export const cssVariableName = /^--[a-z0-9-]+$/;

/** A custom property's value: no character that could end the declaration or the rule, or start markup. */
export function isSafeCssValue(value: string): boolean {
  return !/[;{}<>\\]/.test(value) && !hasControlCharacter(value);
}

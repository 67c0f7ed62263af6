/**
 * The colours a configured accent turns into. One accent serves as link text on the
 * card and as the background of buttons, in light and in dark mode, so each scheme
 * gets the accent as given where it reads well and a nudged shade where it would not:
 * text and buttons keep WCAG AA contrast (4.5:1) whatever colour is configured.
 */

/** The accent Sesame ships with (indigo), and the card colours it is checked against. */
export const DEFAULT_ACCENT = "#4f46e5";
const LIGHT_CARD = "#ffffff";
const DARK_CARD = "#161b22";
const WHITE = "#ffffff";
const INK = "#111827";
const READABLE = 4.5;

/** A CSS hex colour: #rgb or #rrggbb (nothing else may reach the stylesheet). */
export const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export interface SchemeColors {
  accent: string;
  accentHover: string;
  /** Text on an accent background. */
  accentContrast: string;
  /** A tint of the accent for notices and hovered secondary buttons. */
  accentSoft: string;
}

export interface ThemeColors {
  light: SchemeColors;
  dark: SchemeColors;
}

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  if (!HEX_COLOR.test(hex)) throw new TypeError(`not a hex colour: ${JSON.stringify(hex)}`);
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function format(rgb: Rgb): string {
  return "#" + rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");
}

/** `amount` of the way from `from` to `to`. */
function mix(from: string, to: string, amount: number): string {
  const a = parse(from);
  const b = parse(to);
  return format([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as Rgb);
}

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The accent, moved towards `towards` in small steps until it reads on `card`. */
function readableOn(card: string, accent: string, towards: string): string {
  for (let step = 0; step <= 20; step++) {
    const shade = mix(accent, towards, step / 20);
    if (contrast(shade, card) >= READABLE) return shade;
  }
  return towards;
}

function scheme(accent: string, card: string, dark: boolean): SchemeColors {
  const readable = readableOn(card, accent, dark ? WHITE : "#000000");
  const accentContrast = contrast(WHITE, readable) >= contrast(INK, readable) ? WHITE : INK;
  return {
    accent: readable,
    // Hover goes further from the card, so it stays readable too.
    accentHover: mix(readable, dark ? WHITE : "#000000", 0.15),
    accentContrast,
    accentSoft: mix(card, readable, dark ? 0.18 : 0.08),
  };
}

/** Colours per accent: an instance has one accent, and every mail it renders asks for it. */
const computed = new Map<string, ThemeColors>();

export function themeColors(accent: string = DEFAULT_ACCENT): ThemeColors {
  let colors = computed.get(accent);
  if (!colors) {
    colors = computeThemeColors(accent);
    // Bounded in case a caller passes many accents; a cleared cache only costs recomputing.
    if (computed.size >= 32) computed.clear();
    computed.set(accent, colors);
  }
  return colors;
}

function computeThemeColors(accent: string): ThemeColors {
  const given = format(parse(accent));
  // Sesame's own accent has a hand-picked lighter partner for dark mode.
  const darkAccent = given === DEFAULT_ACCENT ? "#a5b4fc" : given;
  return { light: scheme(given, LIGHT_CARD, false), dark: scheme(darkAccent, DARK_CARD, true) };
}

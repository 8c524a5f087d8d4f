// Colour contrast: WCAG 2 relative luminance and contrast ratio, the background a field's text
// is actually drawn on, and from it whether the field sits on a dark page.
//
// Dark or light is decided from the field's effective background colour, not from the
// `prefers-color-scheme` media query: a page may be dark while the system is light (a site's
// own dark theme, a dark editor on a light site) or light while the system is dark (most sites
// ignore the preference), and the underlines and the card must stand out against what is
// painted behind the text. The effective background is the field's own background colour if it
// has one, else its ancestors' (the first non-transparent one, with semi-transparent layers
// blended over what is below), else the page's canvas: dark where the root's `color-scheme`
// (or `<meta name="color-scheme">`) makes it dark, white otherwise. Background images and
// gradients are not read (a page that paints text on an image is rare in a text field).
//
// A background is dark when white text would have more contrast on it than black text
// (relative luminance below about 0.18, i.e. darker than #767676).

/** `{r, g, b, a}` (0-255, alpha 0-1) from a CSS colour as computed styles give it, or null. */
export function parseColor(css) {
  const s = String(css ?? '').trim().toLowerCase();
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  let m = /^#([0-9a-f]{3,8})$/.exec(s);
  if (m) {
    let h = m[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length !== 6 && h.length !== 8) return null;
    const n = (i) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    if (parts.length < 3) return null;
    const channel = (p) => (p.endsWith('%') ? parseFloat(p) * 2.55 : parseFloat(p));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    const [r, g, b] = parts.slice(0, 3).map(channel);
    return [r, g, b, alpha].some(Number.isNaN) ? null : { r, g, b, a: alpha };
  }
  // Firefox and Chrome compute some colours (color-mix, wide-gamut) as color(srgb r g b / a), 0-1.
  m = /^color\(srgb\s+([^)]*)\)$/.exec(s);
  if (m) {
    const parts = m[1].split(/[\s/]+/).filter(Boolean).map(parseFloat);
    if (parts.length < 3 || parts.some(Number.isNaN)) return null;
    return { r: parts[0] * 255, g: parts[1] * 255, b: parts[2] * 255, a: parts[3] ?? 1 };
  }
  return null;
}

/** `#rrggbb` of an opaque colour. */
export function toHex({ r, g, b }) {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

const linear = (v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance (0 black to 1 white) of a colour or CSS colour string. */
export function luminance(color) {
  const c = typeof color === 'string' ? parseColor(color) : color;
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG 2 contrast ratio (1 to 21) between two opaque colours. */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` (with alpha) painted over the opaque `below`. */
export function blend(top, below) {
  const a = top.a;
  return { r: top.r * a + below.r * (1 - a), g: top.g * a + below.g * (1 - a), b: top.b * a + below.b * (1 - a), a: 1 };
}

/** Whether text on `bg` reads better in white than in black: a dark background. */
export function isDark(bg) {
  return contrastRatio(bg, '#ffffff') > contrastRatio(bg, '#000000');
}

/**
 * `color` itself where it has at least `min`:1 contrast on `bg`, else `color` mixed step by
 * step towards black or white (whichever gives more contrast on `bg`) until it has.
 */
export function ensureContrast(color, bg, min = 3) {
  const c = typeof color === 'string' ? parseColor(color) : color;
  if (contrastRatio(c, bg) >= min) return toHex(c);
  const to = contrastRatio('#000000', bg) > contrastRatio('#ffffff', bg) ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
  let mixed = c;
  for (let t = 0.05; t <= 1.0001; t += 0.05) {
    mixed = blend({ ...to, a: t }, c);
    if (contrastRatio(mixed, bg) >= min) break;
  }
  return toHex(mixed);
}

// The canvas behind a page with no background of its own, by its colour scheme (the dark one
// is Chrome's; Firefox's is within 2% of its luminance).
const CANVAS_LIGHT = { r: 255, g: 255, b: 255, a: 1 };
const CANVAS_DARK = { r: 18, g: 18, b: 18, a: 1 };

function canvasOf(doc) {
  const view = doc.defaultView;
  const scheme = `${view.getComputedStyle(doc.documentElement).colorScheme || ''} ${
    doc.querySelector('meta[name="color-scheme" i]')?.getAttribute('content') ?? ''}`;
  const dark = /\bdark\b/.test(scheme) &&
    (!/\blight\b/.test(scheme) || view.matchMedia?.('(prefers-color-scheme: dark)').matches);
  return dark ? CANVAS_DARK : CANVAS_LIGHT;
}

/**
 * The opaque colour `el`'s text is drawn on: its own background or its ancestors' (across
 * open shadow roots), semi-transparent layers blended, over the page's canvas.
 */
export function effectiveBackground(el) {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  const layers = [];
  for (let n = el; n; n = n.parentElement ?? n.getRootNode?.().host ?? null) {
    const c = parseColor(view.getComputedStyle(n).backgroundColor);
    if (!c || c.a === 0) continue;
    layers.push(c);
    if (c.a >= 1) break;
  }
  let bg = layers.length && layers.at(-1).a >= 1 ? layers.pop() : canvasOf(doc);
  while (layers.length) bg = blend(layers.pop(), bg);
  return { r: bg.r, g: bg.g, b: bg.b, a: 1 };
}

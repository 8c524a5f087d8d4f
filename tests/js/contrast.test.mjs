// The contrast maths and the colour choice (web/ui/contrast.js, categories.js): WCAG 2
// ratios against known values, every underline shade at least 3:1 on its side's backgrounds,
// the card's text at least 4.5:1, dark/light decided from the effective background (walked up
// through transparent ancestors, semi-transparent ones blended), and content.css's highlight
// colours the same as categories.js's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blend, contrastRatio, effectiveBackground, ensureContrast, isDark, luminance, parseColor } from '../../web/ui/contrast.js';
import { GROUPS, colorOf } from '../../web/ui/categories.js';

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.01, `${what}: ${a.toFixed(3)} vs ${b}`);

// Backgrounds text fields are drawn on: white and Google's light greys; near-black, Google's
// dark surfaces, Chrome's dark textarea (#3b3b3b) and Firefox's dark field (#42414d).
const LIGHT_BGS = ['#ffffff', '#f8f9fa', '#f1f3f4', '#e8eaed', '#dadce0'];
const DARK_BGS = ['#000000', '#121212', '#202124', '#292a2d', '#303134', '#3b3b3b', '#2b2a33', '#42414d'];

test('WCAG 2 contrast ratios of known pairs', () => {
  near(contrastRatio('#000000', '#ffffff'), 21, 'black on white');
  near(contrastRatio('#ffffff', '#ffffff'), 1, 'white on white');
  near(contrastRatio('#767676', '#ffffff'), 4.54, '#767676 on white (the usual 4.5:1 grey)');
  near(contrastRatio('#777777', '#ffffff'), 4.48, '#777777 on white');
  near(contrastRatio('#ffffff', '#777777'), contrastRatio('#777777', '#ffffff'), 'order does not matter');
  near(luminance('#ffffff'), 1, 'white');
  near(luminance('#000000'), 0, 'black');
  near(luminance('#808080'), 0.2159, 'mid grey');
});

test('colours as computed styles give them', () => {
  assert.deepEqual(parseColor('rgb(32, 33, 36)'), { r: 32, g: 33, b: 36, a: 1 });
  assert.deepEqual(parseColor('rgba(0, 0, 0, 0)'), { r: 0, g: 0, b: 0, a: 0 });
  assert.deepEqual(parseColor('rgb(10 20 30 / 50%)'), { r: 10, g: 20, b: 30, a: 0.5 });
  assert.deepEqual(parseColor('#fff'), { r: 255, g: 255, b: 255, a: 1 });
  assert.deepEqual(parseColor('transparent'), { r: 0, g: 0, b: 0, a: 0 });
  const c = parseColor('color(srgb 1 0.5 0 / 0.25)');
  assert.deepEqual([c.r, c.g, c.b, c.a], [255, 127.5, 0, 0.25]);
  assert.equal(parseColor('oklch(0.5 0.1 200)'), null);
});

test('every underline shade has at least 3:1 on its side\'s backgrounds (WCAG 1.4.11)', () => {
  for (const [group, { color, dark }] of Object.entries(GROUPS)) {
    for (const bg of LIGHT_BGS) {
      const r = contrastRatio(color, bg);
      assert.ok(r >= 3, `${group} ${color} on ${bg}: ${r.toFixed(2)}`);
    }
    for (const bg of DARK_BGS) {
      const r = contrastRatio(dark, bg);
      assert.ok(r >= 3, `${group} ${dark} on ${bg}: ${r.toFixed(2)}`);
    }
  }
  // The light shades would not do on a dark page (the test can fail): blue on #303134.
  assert.ok(contrastRatio(GROUPS.grammar.color, '#303134') < 3);
  // The orange it replaced fell short on a light grey field.
  assert.ok(contrastRatio('#e37400', '#f1f3f4') < 3);
});

test('the card\'s text has at least 4.5:1 in both schemes (WCAG 1.4.3)', () => {
  const pairs = [
    ['#202124', '#ffffff'], ['#5f6368', '#ffffff'], // light card: text, struck-out original
    ['#e8eaed', '#292a2d'], ['#9aa0a6', '#292a2d'], ['#e8eaed', '#3c4043'], // dark card, its buttons
  ];
  for (const g of Object.values(GROUPS)) {
    pairs.push([g.color, '#ffffff'], ['#ffffff', g.color]); // category label; fix button text
    pairs.push([g.dark, '#292a2d'], ['#202124', g.dark]);
  }
  for (const [fg, bg] of pairs) {
    const r = contrastRatio(fg, bg);
    assert.ok(r >= 4.5, `${fg} on ${bg}: ${r.toFixed(2)}`);
  }
});

test('dark or light by the background\'s luminance', () => {
  for (const bg of DARK_BGS) assert.equal(isDark(bg), true, bg);
  for (const bg of LIGHT_BGS) assert.equal(isDark(bg), false, bg);
  assert.equal(isDark('#707070'), true, 'white text reads better on #707070');
  assert.equal(isDark('#7a7a7a'), false, 'black text reads better on #7a7a7a');
  assert.equal(colorOf('spelling', true), GROUPS.spelling.dark);
  assert.equal(colorOf('agreement', false), GROUPS.grammar.color);
});

test('a shade short of 3:1 on a mid grey is darkened or lightened until it has it', () => {
  for (const bg of ['#767676', '#5f6368', '#9e9e9e', '#808080']) {
    for (const dark of [false, true]) {
      for (const g of Object.keys(GROUPS)) {
        const base = colorOf(g, dark);
        const fixed = ensureContrast(base, bg, 3);
        const r = contrastRatio(fixed, bg);
        assert.ok(r >= 3, `${g} on ${bg}: ${fixed} ${r.toFixed(2)}`);
        if (contrastRatio(base, bg) >= 3) assert.equal(fixed, base, 'a shade with enough contrast is kept');
      }
    }
  }
  assert.equal(ensureContrast('#1a73e8', '#ffffff', 3), '#1a73e8');
});

// A stand-in for the DOM: a chain of elements, the root first and the field last, each with its
// computed background colour.
function dom(chain, { scheme = 'normal', meta = null, prefersDark = false } = {}) {
  const doc = {
    documentElement: null,
    querySelector: () => (meta ? { getAttribute: () => meta } : null),
    defaultView: {
      getComputedStyle: (n) => (n === doc.documentElement ? { backgroundColor: n.bg, colorScheme: scheme } : { backgroundColor: n.bg }),
      matchMedia: () => ({ matches: prefersDark }),
    },
  };
  let parent = null;
  for (const bg of chain) {
    const n = { bg, parentElement: parent, ownerDocument: doc, getRootNode: () => doc };
    if (!doc.documentElement) doc.documentElement = n;
    parent = n;
  }
  return parent; // the innermost element (the field)
}

test('the effective background: the first opaque one up the ancestors, layers blended', () => {
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  // A transparent textarea in a transparent div on a dark body (the root transparent).
  assert.equal(hex(effectiveBackground(dom(['rgba(0, 0, 0, 0)', 'rgb(48, 49, 52)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']))), '#303134');
  // The field's own opaque background wins over a dark page.
  assert.equal(hex(effectiveBackground(dom(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']))), '#ffffff');
  // Half-transparent white over black: mid grey.
  const half = effectiveBackground(dom(['rgb(0, 0, 0)', 'rgba(255, 255, 255, 0.5)']));
  assert.equal(hex(half), hex(blend({ r: 255, g: 255, b: 255, a: 0.5 }, { r: 0, g: 0, b: 0, a: 1 })));
  // No background anywhere: the canvas, white unless the page's colour scheme is dark.
  assert.equal(hex(effectiveBackground(dom(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']))), '#ffffff');
  assert.equal(isDark(effectiveBackground(dom(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'], { scheme: 'dark' }))), true);
  assert.equal(isDark(effectiveBackground(dom(['rgba(0, 0, 0, 0)'], { meta: 'dark' }))), true);
  assert.equal(isDark(effectiveBackground(dom(['rgba(0, 0, 0, 0)'], { scheme: 'light dark', prefersDark: false }))), false);
  assert.equal(isDark(effectiveBackground(dom(['rgba(0, 0, 0, 0)'], { scheme: 'light dark', prefersDark: true }))), true);
});

test('content.css draws each highlight in its group\'s shade', () => {
  const css = readFileSync(new URL('../../extension/static/content.css', import.meta.url), 'utf8');
  const rules = Object.fromEntries([...css.matchAll(/::highlight\((emend-[a-z-]+)\)\s*\{[^}]*underline wavy (#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
  const want = {};
  for (const [g, { color, dark }] of Object.entries(GROUPS)) {
    want[`emend-${g}`] = color;
    want[`emend-${g}-dark`] = dark;
  }
  assert.deepEqual(rules, want);
});

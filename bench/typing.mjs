// Typing in big fields with the extension loaded, as a person would (headless Chromium, and
// Firefox for what it can measure), in textareas of about 200 characters, 100 KB and 1 MB:
//   - keystroke latency: from each keydown to the frame after it (what Event Timing calls an
//     event's duration, measured by hand so that short ones count too), p50 / p95 / max;
//   - long tasks over 50 ms while typing and while the check lands (Chromium only: Firefox has
//     no Long Tasks API);
//   - first underline near the caret after the user clicks into the field, and the underline
//     of the sentence just typed after typing pauses (both include the debounce, 400 ms).
// Each browser runs twice, without the extension (the browser's own cost of a big textarea)
// and with it. Prints one JSON line per browser, run and field; never a test.
//
//   node bench/typing.mjs [--browser chromium|firefox|both] [--keys 60]
import { launchChromium, launchChromiumWithExtension, launchFirefox, launchFirefoxWithExtension } from '../tests/e2e/browsers.mjs';
import { EXTENSION_DIR, startFixtures } from '../tests/e2e/fixture-server.mjs';
import { installProbes } from '../tests/e2e/concurrent-edits.mjs';
import { until } from '../tests/e2e/drive.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const KEYS = Number(arg('keys', 60));
const WHICH = arg('browser', 'both');
const SIZES = { small: 200, '100KB': 100_000, '1MB': 1_000_000 };

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] * 10) / 10 : null;
};

/** Paragraphs of clean prose with an error every few lines, `size` characters in all. */
function fieldText(size) {
  const lines = [];
  for (let n = 0, len = 0; len < size; n++) {
    const line = n % 7 === 3 ? `In paragraph ${n}, she go to the garden behind the old house.` : `Paragraph ${n} describes the garden behind the old house.`;
    lines.push(line);
    len += line.length + 1;
  }
  return `${lines.join('\n').slice(0, size - 1)}\n`;
}

function installMeters() {
  window.__lat = [];
  window.__long = [];
  document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
  }, true);
  window.__hasLongTasks = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
  if (window.__hasLongTasks) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  }
}

async function measure(newPage, url, size, extension) {
  const page = await newPage();
  await page.goto(url);
  await installProbes(page);
  await page.evaluate(installMeters);
  await page.evaluate((t) => {
    const el = document.getElementById('textarea');
    el.value = t;
  }, fieldText(SIZES[size]));
  // The user clicks into the last lines of the text; the first underline near the caret.
  await page.evaluate(() => {
    const el = document.getElementById('textarea');
    el.scrollTop = el.scrollHeight;
  });
  const box = await page.evaluate(() => document.getElementById('textarea').getBoundingClientRect().toJSON());
  const t0 = Date.now();
  await page.mouse.click(box.left + box.width / 2, box.bottom - 12);
  await page.keyboard.press('End');
  const firstUnderline = extension
    ? await until(page, () => marksInPage('#textarea').length > 0, null, { timeout: 120_000, what: 'a first underline', every: 20 })
      .then(() => Date.now() - t0, () => null)
    : null;
  await page.evaluate(() => {
    window.__lat = [];
    window.__long = [];
  });
  const sentence = 'She go to school yesterday and buyed a apple. ';
  let typed = 0;
  while (typed < KEYS) {
    for (const ch of sentence) {
      if (typed++ >= KEYS) break;
      await page.keyboard.type(ch);
      await new Promise((r) => setTimeout(r, 60)); // ~100 words a minute
    }
  }
  const typingLong = await page.evaluate(() => [...window.__long]);
  const lat = await page.evaluate(() => [...window.__lat]);
  // Pause: the underline of the sentence just typed ("buyed" or "go" after the caret's line start).
  const tPause = Date.now();
  const afterPause = !extension ? null : await until(page, () => {
    const el = document.getElementById('textarea');
    const lineStart = el.value.lastIndexOf('\n') + 1;
    return marksInPage('#textarea').some((m) => m.start >= lineStart && ['go', 'buyed', 'a'].includes(m.text));
  }, null, { timeout: 180_000, what: 'the typed sentence underlined', every: 20 }).then(() => Date.now() - tPause, () => null);
  await new Promise((r) => setTimeout(r, 500));
  const allLong = await page.evaluate(() => [...window.__long]);
  const hasLongTasks = await page.evaluate(() => window.__hasLongTasks);
  await page.close();
  return {
    size,
    chars: SIZES[size],
    keys: lat.length,
    keyP50: pct(lat, 0.5),
    keyP95: pct(lat, 0.95),
    keyMax: pct(lat, 1),
    longTasksWhileTyping: hasLongTasks ? typingLong.length : null,
    longTasks: hasLongTasks ? allLong.length : null,
    longestTaskMs: hasLongTasks ? Math.round(Math.max(0, ...allLong)) : null,
    firstUnderlineMs: firstUnderline,
    underlineAfterPauseMs: afterPause,
  };
}

const fx = await startFixtures();
try {
  const runs = [];
  const pages = (b) => ({ newPage: () => b.newPage(), close: () => b.close() });
  if (WHICH !== 'firefox') {
    runs.push(['chromium', false, async () => pages(await launchChromium())]);
    runs.push(['chromium', true, async () => pages(await launchChromiumWithExtension(EXTENSION_DIR))]);
  }
  if (WHICH !== 'chromium') {
    runs.push(['firefox', false, async () => pages(await launchFirefox())]);
    runs.push(['firefox', true, async () => pages(await launchFirefoxWithExtension(EXTENSION_DIR))]);
  }
  for (const [name, extension, launch] of runs) {
    const b = await launch();
    try {
      for (const size of Object.keys(SIZES)) {
        console.log(JSON.stringify({ browser: name, extension, ...(await measure(b.newPage, fx.fields, size, extension)) }));
      }
    } finally {
      await b.close();
    }
  }
} finally {
  fx.server.close();
}

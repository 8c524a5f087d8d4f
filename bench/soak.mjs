// A soak: simulated typing in several tabs for a long time, with the extension loaded, in
// headless Chromium and Firefox (bounded, local fixture pages only). Every minute it samples
// the memory of the whole browser (resident set of every process it started, from /proc) and,
// after each burst of typing, the CPU the browser uses from 1 s to 3 s after the last key.
// Prints a JSON line per sample and a summary: the memory ceiling, growth over the second half
// of the run, and CPU after typing stops. Never a test.
//
//   node bench/soak.mjs [--minutes 30] [--tabs 5] [--browser chromium|firefox|both]
import { readFileSync, readdirSync } from 'node:fs';
import { freshProfileDir, launchChromiumWithExtension, launchFirefoxWithExtension } from '../tests/e2e/browsers.mjs';
import { EXTENSION_DIR, startFixtures } from '../tests/e2e/fixture-server.mjs';
import { installProbes } from '../tests/e2e/concurrent-edits.mjs';
import { openCard } from '../tests/e2e/drive.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const MINUTES = Number(arg('minutes', 30));
const TABS = Number(arg('tabs', 5));
const WHICH = arg('browser', 'both');
const TICK = 100; // clock ticks per second of /proc/<pid>/stat on Linux
const PAGE = 4096;

/** Every process whose parent chain leads to `root` (and `root`), from /proc. */
function tree(root) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const out = [];
  for (const pid of parent.keys()) {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

function usage(root) {
  let rss = 0;
  let cpu = 0;
  for (const pid of tree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu += Number(f[11]) + Number(f[12]); // utime + stime
      rss += Number(f[21]) * PAGE;
    } catch {}
  }
  return { rssMB: rss / 2 ** 20, cpuS: cpu / TICK };
}

/** The browser's root process: the one started with this profile whose parent was not. */
function rootOf(profile) {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile);
    } catch {
      return false;
    }
  });
  return Math.min(...pids);
}

const SENTENCES = [
  'She go to school yesterday and buyed a apple. ', 'In addition to that, i like reading books. ',
  'We was here last week. ', 'The weather is nice today, and the garden looks green. ', 'Their are many reasons for this. ',
];

async function soak(name, b, url) {
  const pages = [];
  for (let i = 0; i < TABS; i++) {
    const page = await b.newPage();
    await page.goto(url);
    await installProbes(page);
    await page.click('#textarea');
    pages.push(page);
  }
  const t0 = Date.now();
  const samples = [];
  const idleCpu = [];
  let nextSample = 0;
  let round = 0;
  while (Date.now() - t0 < MINUTES * 60_000) {
    const page = pages[round % TABS];
    await page.bringToFront?.();
    await page.click('#textarea');
    const len = await page.evaluate(() => document.getElementById('textarea').value.length);
    if (len > 4000) await page.evaluate(() => { document.getElementById('textarea').value = ''; });
    await page.keyboard.press('End');
    for (const ch of SENTENCES[round % SENTENCES.length]) {
      await page.keyboard.type(ch);
      await new Promise((r) => setTimeout(r, 40 + Math.random() * 60));
    }
    // CPU from 1 s to 3 s after the last key.
    await new Promise((r) => setTimeout(r, 1_000));
    const a = usage(b.root);
    await new Promise((r) => setTimeout(r, 2_000));
    const c = usage(b.root);
    idleCpu.push((c.cpuS - a.cpuS) / 2);
    // Now and then, the user fixes something.
    if (round % 3 === 0) {
      const m = await page.evaluate(() => marksInPage('#textarea')[0]);
      if (m) {
        await page.mouse.click(m.x, m.y);
        const card = await page.evaluate(openCard);
        if (card) await page.mouse.click(card.x, card.y);
      }
    }
    if (Date.now() - t0 >= nextSample) {
      const u = usage(b.root);
      const s = { browser: name, minute: Math.round((Date.now() - t0) / 6_000) / 10, rssMB: Math.round(u.rssMB), rounds: round };
      samples.push(s);
      console.log(JSON.stringify(s));
      nextSample += 60_000;
    }
    round++;
  }
  const half = samples.slice(Math.floor(samples.length / 2));
  const sorted = [...idleCpu].sort((x, y) => x - y);
  return {
    browser: name, minutes: MINUTES, tabs: TABS, rounds: round,
    ceilingMB: Math.max(...samples.map((s) => s.rssMB)),
    secondHalfGrowthMB: half.length > 1 ? half.at(-1).rssMB - half[0].rssMB : null,
    cpuAfterTypingP50: Math.round(sorted[Math.floor(sorted.length / 2)] * 1000) / 10,
    cpuAfterTypingP95: Math.round(sorted[Math.floor(sorted.length * 0.95)] * 1000) / 10,
    cpuUnit: '% of one core, 1-3 s after the last key',
  };
}

const fx = await startFixtures();
try {
  if (WHICH !== 'firefox') {
    const profile = freshProfileDir();
    const context = await launchChromiumWithExtension(EXTENSION_DIR, profile);
    try {
      console.log(JSON.stringify(await soak('chromium', { newPage: () => context.newPage(), root: rootOf(profile) }, fx.fields)));
    } finally {
      await context.close();
    }
  }
  if (WHICH !== 'chromium') {
    const browser = await launchFirefoxWithExtension(EXTENSION_DIR);
    try {
      console.log(JSON.stringify(await soak('firefox', { newPage: () => browser.newPage(), root: browser.process().pid }, fx.fields)));
    } finally {
      await browser.close();
    }
  }
} finally {
  fx.server.close();
}

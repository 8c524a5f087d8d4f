// Benchmark inputs: W&I dev and JFLEG dev sources, detokenised, read from ../shared/data at
// run time (the corpora may not be redistributed, so nothing of them is written to the repo).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA = process.env.EMEND_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));

/** Undo the corpora's spaCy-style tokenisation (the same rules as training/common/detok.py). */
export function detokenize(line) {
  return line
    .trim()
    .replace(/\s+([.,!?;:%)\]}])/g, '$1')
    .replace(/([([{$])\s+/g, '$1')
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/gi, '$1')
    .replace(/(\w) - (\w)/g, '$1-$2')
    .replace(/(\w) \/ (\w)/g, '$1/$2')
    .replace(/" (.*?) "/g, '"$1"');
}

/** Every `step`-th sentence of W&I dev and JFLEG dev (step 1: all), non-empty. */
export function benchSentences(sample = 0) {
  const read = (p) => readFileSync(`${DATA}/${p}`, 'utf8').split('\n').map(detokenize).filter(Boolean);
  const wi = read('parallel/wi_abcn_dev.src');
  const jfleg = read('jfleg/dev/dev.src');
  const pick = (xs, n) => (n && n < xs.length ? xs.filter((_, i) => i % Math.floor(xs.length / n) === 0).slice(0, n) : xs);
  const share = sample ? Math.max(1, Math.round((sample * wi.length) / (wi.length + jfleg.length))) : 0;
  return { wi: pick(wi, share), jfleg: pick(jfleg, sample ? sample - share : 0) };
}

/** A ~1,000-word document made of consecutive W&I dev sentences. */
export function thousandWordDocument() {
  const { wi } = benchSentences();
  const out = [];
  let words = 0;
  for (const s of wi) {
    out.push(s);
    words += s.split(/\s+/).length;
    if (words >= 1000) break;
  }
  return out.join(' ');
}

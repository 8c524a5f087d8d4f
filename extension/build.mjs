// Build the loadable extension into dist/extension and the store zips into dist/.
// Needs web/engine/pkg (scripts/build makes it) and model/. The extension's scripts and the
// shared code they import from web/ are bundled, one file per entry point; the engine worker
// is bundled as a module with the wasm package beside it (pkg/), as in web/engine/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { MODEL_FILES, SPELLING_FILES } from '../web/engine/model-files.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXT = join(ROOT, 'extension');
const OUT = join(ROOT, 'dist', 'extension');
// What the worker loads, and the dictionary's licence beside it.
const SHIPPED_MODEL_FILES = [...MODEL_FILES, ...SPELLING_FILES, 'en.LICENSE'];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'pkg'), { recursive: true });
mkdirSync(join(OUT, 'model'), { recursive: true });
mkdirSync(join(OUT, 'icons'), { recursive: true });

await build({
  entryPoints: {
    content: join(EXT, 'src/content/main.js'),
    background: join(EXT, 'src/background.js'),
    popup: join(EXT, 'src/popup.js'),
    options: join(EXT, 'src/options.js'),
    offscreen: join(EXT, 'src/offscreen.js'),
  },
  outdir: OUT,
  bundle: true,
  format: 'iife', // content scripts and Chrome's classic service worker cannot be modules
  target: ['chrome120', 'firefox128'],
  legalComments: 'none',
  logLevel: 'warning',
});
// The worker: a module worker (new Worker(url, {type: 'module'})) that imports the wasm
// package's glue from ./pkg at run time, as web/engine/worker.js does in the demo.
const pkgBeside = {
  name: 'pkg-beside',
  setup(b) {
    b.onResolve({ filter: /^\.\/pkg\// }, (a) => ({ path: a.path, external: true }));
  },
};
await build({
  entryPoints: { 'engine-worker': join(ROOT, 'web/engine/worker.js') },
  outdir: OUT,
  bundle: true,
  format: 'esm',
  target: ['chrome120', 'firefox128'],
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [pkgBeside],
});

cpSync(join(EXT, 'manifest.json'), join(OUT, 'manifest.json'));
cpSync(join(EXT, 'static'), OUT, { recursive: true });
for (const f of ['emend.js', 'emend_bg.wasm']) cpSync(join(ROOT, 'web/engine/pkg', f), join(OUT, 'pkg', f));
for (const f of SHIPPED_MODEL_FILES) cpSync(join(ROOT, 'model', f), join(OUT, 'model', f));

// Icons: a blue rounded square with a white check mark, drawn here so no binary is committed.
function png(size) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.2;
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, r), size - r), cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const onCheck = (x, y) => {
    const u = x / size, v = y / size, w = 0.09;
    const d1 = Math.abs((v - 0.55) - (u - 0.25)) / Math.SQRT2; // down stroke
    const d2 = Math.abs((v - 0.7) + (u - 0.4)) / Math.SQRT2; // up stroke
    return (u >= 0.22 && u <= 0.42 && d1 < w / 1.4) || (u >= 0.38 && u <= 0.8 && d2 < w / 1.4);
  };
  for (let y = 0; y < size; y++) {
    px[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const [R, G, B, A] = !inside(x + 0.5, y + 0.5) ? [0, 0, 0, 0] : onCheck(x + 0.5, y + 0.5) ? [255, 255, 255, 255] : [26, 115, 232, 255];
      px[o] = R; px[o + 1] = G; px[o + 2] = B; px[o + 3] = A;
    }
  }
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0))]);
}
for (const s of [16, 48, 128]) writeFileSync(join(OUT, 'icons', `${s}.png`), png(s));

// Store packages: the same files for both browsers (one manifest serves both).
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files[relative(OUT, p)] = readFileSync(p);
  }
};
walk(OUT);
const { version } = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
const zip = zipSync(files, { level: 9 });
for (const browser of ['chrome', 'firefox']) writeFileSync(join(ROOT, 'dist', `emend-${browser}-${version}.zip`), zip);
console.log(`extension: ${OUT} (${Object.keys(files).length} files), dist/emend-{chrome,firefox}-${version}.zip`);

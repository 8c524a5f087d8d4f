// The personal dictionary's storage (extension/src/settings.js), against a stand-in for the
// browser's storage areas that enforces storage.sync's per-item quota as Chrome does.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const QUOTA_BYTES_PER_ITEM = 8192;

function area(name, perItemQuota) {
  const data = new Map();
  return {
    data,
    async get(keys) {
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) {
        // Chrome counts an item as its key plus its JSON value.
        if (perItemQuota && k.length + JSON.stringify(v).length > perItemQuota) {
          throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded in storage.${name}`);
        }
      }
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
  };
}

globalThis.chrome = {
  storage: { sync: area('sync', QUOTA_BYTES_PER_ITEM), local: area('local', 0), onChanged: { addListener() {} } },
};
const { loadSettings, saveSettings } = await import('../../extension/src/settings.js');
const { sync, local } = globalThis.chrome.storage;

const words = (n, tag) => Array.from({ length: n }, (_, i) => `${tag}word${i}`);

test('the dictionary grows past what one storage.sync item holds (stopped at ~450 words before)', async () => {
  sync.data.clear();
  local.data.clear();
  const many = words(5000, 'grow');
  assert.ok(JSON.stringify(many).length > QUOTA_BYTES_PER_ITEM * 8);
  await saveSettings({ dictionary: many, delayMs: 500 });
  const s = await loadSettings();
  assert.deepEqual(s.dictionary, many);
  assert.equal(s.delayMs, 500, 'small settings still sync');
  assert.equal(sync.data.get('delayMs'), 500);
  assert.equal(sync.data.has('dictionary'), false);
});

test('a dictionary an older version left in storage.sync is merged into the local one, losing no word', async () => {
  sync.data.clear();
  local.data.clear();
  sync.data.set('dictionary', ['postgres', 'Emend', 'wasm']);
  local.data.set('dictionary', ['wasm', 'tract']);
  sync.data.set('sites', { 'example.org': false });
  const s = await loadSettings();
  assert.deepEqual(s.dictionary, ['wasm', 'tract', 'postgres', 'Emend']);
  assert.deepEqual(s.sites, { 'example.org': false });
  assert.equal(sync.data.has('dictionary'), false, 'moved out of sync');
  assert.deepEqual((await loadSettings()).dictionary, ['wasm', 'tract', 'postgres', 'Emend'], 'once, idempotent');
});

test('defaults where nothing is stored', async () => {
  sync.data.clear();
  local.data.clear();
  const s = await loadSettings();
  assert.deepEqual(s.dictionary, []);
  assert.equal(s.enabledByDefault, true);
});

test("the writer's English comes from the browser's first English language, and the user's choice wins", async () => {
  const { browserDialect, dialectOf, levelOf, DEFAULTS } = await import('../../extension/src/settings.js');
  assert.equal(browserDialect(['en-GB', 'en-US']), 'en-GB');
  assert.equal(browserDialect(['fr-FR', 'en-AU']), 'en-AU', 'the first English one, after other languages');
  assert.equal(browserDialect(['en_NZ']), 'en-AU');
  assert.equal(browserDialect(['en-IE']), 'en-GB');
  assert.equal(browserDialect(['en-CA']), 'en-CA');
  assert.equal(browserDialect(['en']), 'en-US');
  assert.equal(browserDialect(['de-DE', 'fr']), 'any', 'no English listed: no spelling is marked');
  assert.equal(DEFAULTS.dialect, 'auto');
  assert.equal(dialectOf({ dialect: 'auto' }, ['en-GB']), 'en-GB');
  assert.equal(dialectOf({ dialect: 'en-US' }, ['en-GB']), 'en-US');
  assert.equal(dialectOf({ dialect: 'en-XX' }, ['en-CA']), 'en-CA', 'an unknown stored value falls back to the browser');
  assert.equal(levelOf({ level: 'more' }), 'more');
  assert.equal(levelOf({ level: 'most' }), 'balanced');
});

test('the dialect and level are stored in storage.sync (they follow the user)', async () => {
  sync.data.clear();
  local.data.clear();
  await saveSettings({ dialect: 'en-GB', level: 'fewer' });
  const s = await loadSettings();
  assert.equal(s.dialect, 'en-GB');
  assert.equal(s.level, 'fewer');
  assert.equal(sync.data.get('dialect'), 'en-GB');
});

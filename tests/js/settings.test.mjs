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

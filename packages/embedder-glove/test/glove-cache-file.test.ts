import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isEngramError } from '@engram/core';
import { convertGloveSource } from '../src/convert-glove-source.js';
import { fromFloat16Bits } from '../src/float16.js';
import { GLOVE_CACHE_FORMAT_VERSION, readGloveCache } from '../src/glove-cache-file.js';
import { FIXTURE_DIMENSIONS, FIXTURE_WORDS, writeFixtureJson } from './glove-fixture.js';

describe('GloVe cache conversion and file format', () => {
  let directory = '';
  let sourcePath = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'engram-glove-cache-'));
    sourcePath = join(directory, 'fixture.json');
    await writeFixtureJson(sourcePath);
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('converts the wink JSON: rows in rank order, float16 vectors, decreasing SIF weights', async () => {
    const cachePath = join(directory, 'convert.bin');
    const fractions: number[] = [];
    const { contents, byteLength } = await convertGloveSource({
      sourcePath,
      cachePath,
      onProgress: (fraction) => fractions.push(fraction),
    });
    assert.deepEqual(
      contents.words,
      FIXTURE_WORDS.map(([word]) => word),
    );
    assert.equal(contents.dimensions, FIXTURE_DIMENSIONS);
    FIXTURE_WORDS.forEach(([, vector], row) => {
      vector.forEach((value, dimension) => {
        const stored = fromFloat16Bits(contents.vectors[row * FIXTURE_DIMENSIONS + dimension]!);
        assert.ok(Math.abs(stored - value) <= Math.abs(value) * 2 ** -11 + 1e-7, `${row}/${dimension}`);
      });
    });
    for (let row = 1; row < contents.weights.length; row += 1) {
      assert.ok(contents.weights[row]! > contents.weights[row - 1]!, 'weights rise as words get rarer');
    }
    const component = contents.commonComponent!;
    assert.ok(Math.abs(Math.hypot(...component) - 1) < 1e-6);
    // The shared axis dominates the sampled sentences, so it dominates the component.
    assert.ok(Math.abs(component[FIXTURE_DIMENSIONS - 1]!) > 0.8);
    assert.equal(byteLength, (await readFile(cachePath)).length);
    assert.equal(fractions.at(-1), 1);
  });

  it('round-trips through the file and is byte-for-byte deterministic', async () => {
    const first = join(directory, 'first.bin');
    const second = join(directory, 'second.bin');
    const { contents } = await convertGloveSource({ sourcePath, cachePath: first });
    await convertGloveSource({ sourcePath, cachePath: second });
    assert.deepEqual(await readFile(first), await readFile(second));

    const read = await readGloveCache(first);
    assert.ok(read.ok);
    assert.deepEqual(read.contents.words, contents.words);
    assert.deepEqual(Array.from(read.contents.vectors), Array.from(contents.vectors));
    assert.deepEqual(Array.from(read.contents.weights), Array.from(contents.weights));
    assert.deepEqual(Array.from(read.contents.commonComponent!), Array.from(contents.commonComponent!));
    assert.equal(read.contents.sifA, contents.sifA);
    assert.equal(read.contents.sourceByteLength, contents.sourceByteLength);
    const leftovers = (await readdir(directory)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temporary files left behind');
  });

  it('reports missing, corrupt and outdated files instead of throwing', async () => {
    const cachePath = join(directory, 'damaged.bin');
    await convertGloveSource({ sourcePath, cachePath });
    const good = await readFile(cachePath);
    assert.deepEqual(await readGloveCache(join(directory, 'absent.bin')), { ok: false, reason: 'missing' });

    const flipped = Buffer.from(good);
    flipped[good.length - 40]! ^= 0xff;
    await writeFile(cachePath, flipped);
    assert.deepEqual(await readGloveCache(cachePath), { ok: false, reason: 'corrupt' });

    await writeFile(cachePath, good.subarray(0, good.length - 3));
    assert.deepEqual(await readGloveCache(cachePath), { ok: false, reason: 'corrupt' });

    await writeFile(cachePath, 'not a cache at all');
    assert.deepEqual(await readGloveCache(cachePath), { ok: false, reason: 'corrupt' });

    const older = Buffer.from(good);
    older.writeUInt32LE(GLOVE_CACHE_FORMAT_VERSION + 1, 8);
    await writeFile(cachePath, older);
    assert.deepEqual(await readGloveCache(cachePath), { ok: false, reason: 'outdated' });
  });

  it('rejects a malformed source with a non-retryable PROVIDER_FAILED', async () => {
    const badSource = join(directory, 'bad.json');
    await writeFile(badSource, '{"dimensions":3,"size":2,"vectors":{"a":[1,2,');
    await assert.rejects(
      convertGloveSource({ sourcePath: badSource, cachePath: join(directory, 'bad.bin') }),
      (error) => isEngramError(error, 'PROVIDER_FAILED') && !error.retryable,
    );
    await writeFile(badSource, '{"vectors":{"a":[1,2,3]}}');
    await assert.rejects(
      convertGloveSource({ sourcePath: badSource, cachePath: join(directory, 'bad.bin') }),
      (error) => isEngramError(error, 'PROVIDER_FAILED') && /dimensions/.test(error.message),
    );
  });
});

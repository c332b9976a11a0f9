import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, resolveConfig } from '../src/index.js';

describe('resolveConfig', () => {
  it('defaults to 127.0.0.1:8787 and ./.engram', () => {
    const config = resolveConfig({ env: {} });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8787);
    assert.equal(config.dataDir, './.engram');
    assert.equal(config.logLevel, 'info');
  });

  it('applies argument > environment > file > default', () => {
    const file = { port: 1000, host: 'file-host', dataDir: '/file' };
    const env = { ENGRAM_PORT: '2000', ENGRAM_HOST: 'env-host' };
    const config = resolveConfig({ args: { port: 3000 }, env, file });
    assert.equal(config.port, 3000);
    assert.equal(config.host, 'env-host');
    assert.equal(config.dataDir, '/file');
  });

  it('keeps a real 0 (ephemeral port) instead of falling back to the default', () => {
    assert.equal(resolveConfig({ env: { ENGRAM_PORT: '0' } }).port, 0);
  });

  it('names the setting and its variable when a value is bad', () => {
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_PORT: 'eighty', ENGRAM_LOG_LEVEL: 'loud' } }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /"port" \(ENGRAM_PORT\)/.test(error.message) &&
        /"logLevel" \(ENGRAM_LOG_LEVEL\)/.test(error.message),
    );
  });

  it('caches 2000 fetch results by default; ENGRAM_FETCH_CACHE_ENTRIES=0 turns the cache off', () => {
    assert.equal(resolveConfig({ env: {} }).fetchCacheEntries, 2_000);
    assert.equal(resolveConfig({ env: { ENGRAM_FETCH_CACHE_ENTRIES: '0' } }).fetchCacheEntries, 0);
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_FETCH_CACHE_ENTRIES: '-1' } }),
      /"fetchCacheEntries" \(ENGRAM_FETCH_CACHE_ENTRIES\)/,
    );
  });

  it('re-ranks with the LLM by default; ENGRAM_LLM_RERANK=false turns it off, nonsense is refused', () => {
    assert.equal(resolveConfig({ env: {} }).llmRerank, true);
    assert.equal(resolveConfig({ env: { ENGRAM_LLM_RERANK: 'false' } }).llmRerank, false);
    assert.equal(resolveConfig({ env: { ENGRAM_LLM_RERANK: '0' } }).llmRerank, false);
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_LLM_RERANK: 'sometimes' } }),
      (error) => error instanceof ConfigError && /ENGRAM_LLM_RERANK/.test(error.message),
    );
  });

  it('holds 512 MiB of vectors in process and fills them at start by default; both can be turned off', () => {
    const defaults = resolveConfig({ env: {} });
    assert.equal(defaults.vectorCacheMb, 512);
    assert.equal(defaults.warmVectorCache, true);
    const off = resolveConfig({ env: { ENGRAM_VECTOR_CACHE_MB: '0', ENGRAM_VECTOR_CACHE_WARM: 'false' } });
    assert.equal(off.vectorCacheMb, 0);
    assert.equal(off.warmVectorCache, false);
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_VECTOR_CACHE_MB: '-5' } }),
      /"vectorCacheMb" \(ENGRAM_VECTOR_CACHE_MB\)/,
    );
  });

  it('keeps 5,000 candidates across fetches by default; 0 turns the cache off, a negative count is refused', () => {
    assert.equal(resolveConfig({ env: {} }).candidateCacheMemories, 5_000);
    assert.equal(resolveConfig({ env: { ENGRAM_CANDIDATE_CACHE_MEMORIES: '0' } }).candidateCacheMemories, 0);
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_CANDIDATE_CACHE_MEMORIES: '-1' } }),
      /"candidateCacheMemories" \(ENGRAM_CANDIDATE_CACHE_MEMORIES\)/,
    );
  });

  it('rejects unknown keys in the config file', () => {
    assert.throws(() => resolveConfig({ env: {}, file: { prot: 1 } }), /unknown setting "prot"/);
  });
});

#!/usr/bin/env node
// The `engram` command. `#engram-cli` is the built JavaScript; under the
// `engram-source` condition (tests, with tsx loaded) it is the TypeScript source.
await import('#engram-cli');

import { writeFile } from 'node:fs/promises';

/** Dimensions of the fixture vectors. */
export const FIXTURE_DIMENSIONS = 6;

/**
 * Made-up word vectors in frequency order. Axis 0: animals, 1: vehicles,
 * 2: outdoors, 3-4: noise, 5: a direction every word shares (what SIF's
 * common-component removal takes out). Includes punctuation, a quoted word and
 * an accented one to exercise the JSON escapes and UTF-8.
 */
export const FIXTURE_WORDS: readonly (readonly [string, readonly number[]])[] = [
  ['the', [0.05, 0.02, 0.01, 0.1, -0.1, 2.5]],
  [',', [0.01, 0.01, 0.01, 0.2, 0.1, 2.4]],
  ['"', [0.0, 0.01, 0.02, -0.2, 0.1, 2.2]],
  ['of', [0.03, 0.04, 0.02, 0.1, 0.2, 2.3]],
  ['not', [-0.2, 0.1, -0.1, 0.5, 0.4, 1.8]],
  ['can', [0.1, 0.2, 0.1, -0.4, 0.3, 1.7]],
  ['three', [0.0, 0.1, 0.0, 0.6, -0.5, 1.5]],
  ['do', [0.1, 0.0, 0.1, -0.3, -0.3, 1.6]],
  ['cat', [1.9, 0.1, 0.2, 0.3, 0.1, 1.0]],
  ['dog', [1.8, 0.2, 0.4, -0.2, 0.2, 1.1]],
  ['kitten', [1.7, 0.0, 0.1, 0.4, -0.1, 0.9]],
  ['puppy', [1.6, 0.1, 0.3, -0.3, 0.0, 0.9]],
  ['car', [0.1, 1.9, 0.1, 0.2, 0.3, 1.0]],
  ['truck', [0.2, 1.8, 0.2, -0.1, 0.2, 1.0]],
  ['engine', [0.0, 1.6, 0.0, 0.3, -0.2, 0.8]],
  ['hiking', [0.3, 0.1, 1.8, 0.1, 0.2, 0.9]],
  ['mountains', [0.2, 0.1, 1.9, -0.2, 0.1, 1.0]],
  ['trekking', [0.2, 0.2, 1.7, 0.2, -0.1, 0.8]],
  ['well-known', [0.4, 0.4, 0.4, 0.4, 0.4, 0.9]],
  ['cafe', [0.5, 0.1, 0.6, -0.5, 0.6, 0.8]],
  ['café', [0.5, 0.1, 0.6, -0.5, 0.6, 0.8]],
  ['uk', [0.1, 0.5, 0.3, 0.5, -0.6, 0.7]],
];

/**
 * Writes the fixture to `path` in the wink-embeddings layout: header numbers,
 * `words` in rank order, then `vectors` keyed by word, each `[v..., l2norm,
 * rank]`, here deliberately not in rank order (the rank, not the position,
 * must decide the row). Returns the file's text.
 */
export async function writeFixtureJson(path: string): Promise<string> {
  const dimensions = FIXTURE_DIMENSIONS;
  const entries = FIXTURE_WORDS.map(([word, vector], rank) => {
    const norm = Math.hypot(...vector);
    return `${JSON.stringify(word)}:[${[...vector, Number(norm.toFixed(8)), rank].join(',')}]`;
  });
  const shuffled = [...entries.slice(8).reverse(), ...entries.slice(0, 8)];
  const text =
    `{"precision":8,"l2NormIndex":${dimensions},"wordIndex":${dimensions + 1},` +
    `"size":${FIXTURE_WORDS.length},"dimensions":${dimensions},` +
    `"words":${JSON.stringify(FIXTURE_WORDS.map(([word]) => word))},` +
    `"vectors":{${shuffled.join(',')}},` +
    `"unkVector":[${new Array(dimensions).fill(0).join(',')},-1]}`;
  await writeFile(path, text);
  return text;
}

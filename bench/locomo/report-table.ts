import type { ScoreRow } from './scoring.js';

const COLUMNS = ['R@5', 'R@10', 'R@20', 'NDCG@10', 'AnsRec@512', 'n'] as const;

/**
 * Renders score rows as a fixed-width text table: one row per category label,
 * figures to three decimals, `n` = scorable questions in the row.
 */
export function formatScoreTable(title: string, rows: readonly ScoreRow[]): string {
  const header = ['category', ...COLUMNS];
  const body = rows.map((row) => [
    row.label,
    ...[row.recallAt5, row.recallAt10, row.recallAt20, row.ndcgAt10, row.answerRecall].map((value) =>
      value.toFixed(3),
    ),
    String(row.n),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...body.map((line) => line[column]!.length)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [title, render(header), ...body.map(render)].join('\n');
}

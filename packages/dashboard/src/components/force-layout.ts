/** A node position in a unit-less plane. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Positions for a small graph (Fruchterman–Reingold): nodes start on a
 * circle, so the same graph always draws the same way; every pair repels,
 * edges pull their ends together, a weak pull to the centre keeps
 * unconnected nodes from drifting off; then the result is scaled to fit
 * `size` with a margin for labels. Quadratic in the nodes, which the route
 * caps at a few hundred.
 */
export function forceLayout(
  nodeIds: readonly string[],
  edges: readonly { from: string; to: string }[],
  size: { width: number; height: number },
  steps = 300,
): Map<string, Point> {
  const count = nodeIds.length;
  if (count === 0) return new Map();
  const k = Math.sqrt((size.width * size.height) / count) * 0.5;
  const points = nodeIds.map((_, index) => ({
    x: k * Math.sqrt(count) * Math.cos((2 * Math.PI * index) / count),
    y: k * Math.sqrt(count) * Math.sin((2 * Math.PI * index) / count),
  }));
  const index = new Map(nodeIds.map((id, position) => [id, position]));
  const links = edges
    .map((edge) => [index.get(edge.from), index.get(edge.to)] as const)
    .filter(
      (pair): pair is readonly [number, number] =>
        pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1],
    );
  const start = k * 2;
  for (let step = 0; step < steps; step++) {
    const temperature = start * (1 - step / steps) + 0.5;
    const moves = points.map(() => ({ x: 0, y: 0 }));
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const pa = points[a] as Point;
        const pb = points[b] as Point;
        const dx = pa.x - pb.x || 0.01 * (a - b);
        const dy = pa.y - pb.y || 0.01;
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        const push = (k * k) / distance / distance;
        (moves[a] as Point).x += dx * push;
        (moves[a] as Point).y += dy * push;
        (moves[b] as Point).x -= dx * push;
        (moves[b] as Point).y -= dy * push;
      }
    }
    for (const [a, b] of links) {
      const pa = points[a] as Point;
      const pb = points[b] as Point;
      const dx = pb.x - pa.x;
      const dy = pb.y - pa.y;
      // Weaker than classic FR, so related nodes sit apart enough for the relation to be read.
      const pull = Math.hypot(dx, dy) / (k * 4);
      (moves[a] as Point).x += dx * pull;
      (moves[a] as Point).y += dy * pull;
      (moves[b] as Point).x -= dx * pull;
      (moves[b] as Point).y -= dy * pull;
    }
    points.forEach((point, position) => {
      const move = moves[position] as Point;
      // Gravity grows with the distance from the centre, so strays come back.
      const fromCentre = Math.hypot(point.x, point.y);
      move.x -= (point.x * fromCentre) / (k * 8);
      move.y -= (point.y * fromCentre) / (k * 8);
      const length = Math.hypot(move.x, move.y) || 1;
      const scale = Math.min(length, temperature) / length;
      point.x += move.x * scale;
      point.y += move.y * scale;
    });
  }
  const margin = { x: 60, y: 28 };
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const fit = (value: number, min: number, max: number, extent: number, pad: number) =>
    max - min < 1 ? extent / 2 : pad + ((value - min) / (max - min)) * (extent - 2 * pad);
  return new Map(
    nodeIds.map((id, position) => {
      const point = points[position] as Point;
      return [
        id,
        {
          x: fit(point.x, minX, maxX, size.width, margin.x),
          y: fit(point.y, minY, maxY, size.height, margin.y),
        },
      ];
    }),
  );
}

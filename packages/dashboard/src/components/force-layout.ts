/** A node position in a unit-less plane. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Positions for a small graph: nodes start on a circle (so the same graph
 * always draws the same way) and a fixed number of steps of repulsion,
 * spring attraction along edges and a pull to the centre spread them out.
 * Quadratic in the nodes, which the route caps at a few hundred.
 */
export function forceLayout(
  nodeIds: readonly string[],
  edges: readonly { from: string; to: string }[],
  size: { width: number; height: number },
  steps = 250,
): Map<string, Point> {
  const count = nodeIds.length;
  const cx = size.width / 2;
  const cy = size.height / 2;
  const radius = Math.min(size.width, size.height) * 0.38;
  const points = nodeIds.map((_, index) => ({
    x: cx + radius * Math.cos((2 * Math.PI * index) / Math.max(count, 1)),
    y: cy + radius * Math.sin((2 * Math.PI * index) / Math.max(count, 1)),
  }));
  const index = new Map(nodeIds.map((id, position) => [id, position]));
  const links = edges
    .map((edge) => [index.get(edge.from), index.get(edge.to)] as const)
    .filter(
      (pair): pair is readonly [number, number] =>
        pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1],
    );
  const ideal = Math.sqrt((size.width * size.height) / Math.max(count, 1)) * 0.6;
  for (let step = 0; step < steps; step++) {
    const cooling = 1 - step / steps;
    const moves = points.map(() => ({ x: 0, y: 0 }));
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const pa = points[a] as Point;
        const pb = points[b] as Point;
        const dx = pa.x - pb.x || 0.01;
        const dy = pa.y - pb.y || 0.01;
        const distance = Math.max(Math.hypot(dx, dy), 1);
        const push = (ideal * ideal) / distance / distance;
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
      const distance = Math.max(Math.hypot(dx, dy), 1);
      const pull = (distance - ideal) / distance / 2;
      (moves[a] as Point).x += dx * pull;
      (moves[a] as Point).y += dy * pull;
      (moves[b] as Point).x -= dx * pull;
      (moves[b] as Point).y -= dy * pull;
    }
    points.forEach((point, position) => {
      const move = moves[position] as Point;
      move.x += (cx - point.x) * 0.02;
      move.y += (cy - point.y) * 0.02;
      const length = Math.hypot(move.x, move.y);
      const limit = 12 * cooling + 0.5;
      const scale = length > limit ? limit / length : 1;
      point.x = Math.min(size.width - 40, Math.max(40, point.x + move.x * scale));
      point.y = Math.min(size.height - 24, Math.max(24, point.y + move.y * scale));
    });
  }
  return new Map(nodeIds.map((id, position) => [id, points[position] as Point]));
}

/** Two decimals are finer than any screen shows at sparkline size, and keep the path short. */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * An SVG path through `points`, oldest at the left, scaled to fill `width` × `height` (y grows downwards).
 * A flat series runs through the middle.
 */
export function sparklinePath(points: readonly number[], width = 100, height = 30): string {
  const min = Math.min(...points);
  const span = Math.max(...points) - min;
  const step = width / Math.max(1, points.length - 1);
  return points
    .map(
      (p, i) => `${i ? 'L' : 'M'}${round(i * step)},${round(span ? height - ((p - min) / span) * height : height / 2)}`,
    )
    .join('');
}

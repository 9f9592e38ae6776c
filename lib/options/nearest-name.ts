/**
 * The candidate closest to `name` by edit distance (comparing with the last segment of dotted
 * candidates too), if one is close enough to be a likely typo.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const last = candidate.slice(candidate.lastIndexOf('.') + 1);
    const distance = Math.min(editDistance(name, candidate), editDistance(name, last));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const lower = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: lower[1].length + 1 }, (_, index) => index);
  for (let i = 1; i <= lower[0].length; i++) {
    const row = [i];
    for (let j = 1; j <= lower[1].length; j++) {
      const substitution = previous[j - 1] + (lower[0][i - 1] === lower[1][j - 1] ? 0 : 1);
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
    }
    previous = row;
  }
  return previous[lower[1].length];
}

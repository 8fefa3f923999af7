/** What an administrator most likely meant by a code the deployment file does not know. */

/** "Unknown desk \"PASF-HEBRN\"", with the code the typo most likely meant. */
export function unknownMessage(what: string, code: string, candidates: string[]): string {
  const near = closest(code, candidates);
  return near ? `Unknown ${what} "${code}"; did you mean "${near}"?` : `Unknown ${what} "${code}"`;
}

/** The known code a typo most likely meant: the nearest, if it is a slip of a letter or two rather than another word. */
function closest(code: string, candidates: string[]): string | undefined {
  const tolerance = Math.max(1, Math.floor(code.length / 4));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(code, candidate);
    if (distance <= tolerance && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Levenshtein distance: catches the typo in "PASF-HEBRN" and suggests "PASF-HEBRON". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

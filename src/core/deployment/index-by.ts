/** Where in the deployment file a problem is, and how the checks report one. */
export type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

export interface Entry<T> {
  code: string;
  value: T;
  /** Where the code is written, for a duplicate. */
  path: Path;
}

/** Keeps the first entry of each code and reports the later ones, where the administrator added them. */
export function indexBy<T>(what: string, entries: Entry<T>[], report: Report): Map<string, T> {
  const index = new Map<string, T>();
  for (const { code, value, path } of entries) {
    if (index.has(code)) report(path, `Duplicate ${what} "${code}": each is listed once`);
    else index.set(code, value);
  }
  return index;
}

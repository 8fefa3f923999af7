import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rules of ARCHITECTURE.md that a reader can check in the source, checked
 * on every run so that they stay true as the code grows.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const rel = (file: string) => relative(ROOT, file);
const code = files.filter((file) => !isTest(file));
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

/** The files a file imports from this repository (type-only imports too: they tie modules together as much). */
function importsOf(file: string): string[] {
  const found = [...(text.get(file) ?? '').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
  return found.flatMap(([, spec]) => {
    const base = resolve(dirname(file), spec as string);
    const candidate = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
      (path) => existsSync(path) && text.has(path),
    );
    return candidate ? [candidate] : [];
  });
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(nodes: readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of importsOf(node)) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}

/** Where SQL may be written: repositories, migrations, the database layer itself, and search's query module. */
const SQL_HOMES = [/\.repository\.ts$/, /^src\/server\/db\/migrations\//, /^src\/server\/platform\/db\//];
/** The visibility rules' SQL faces (src/core/access and beside each rule) build conditions, never queries. */
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(/;
const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(|\bsql(<[^>]*>)?`/;
const LONGEST = 400;

/** Each table's module: the file of platform/db/tables/ its row type is imported from in schema.ts. */
function tableOwners(): Map<string, string> {
  const schema = text.get(join(SRC, 'server/platform/db/schema.ts')) ?? '';
  const fileOf = new Map<string, string>();
  for (const [, names, file] of schema.matchAll(/import type \{([^}]+)\} from '\.\/tables\/([\w-]+)'/g))
    for (const name of (names as string).split(',')) fileOf.set(name.trim(), file as string);
  const body = schema.slice(schema.indexOf('export interface Database'));
  return new Map(
    [...body.matchAll(/^\s+(\w+): (\w+);$/gm)].map(([, table, type]) => [
      table as string,
      fileOf.get(type as string) ?? '?',
    ]),
  );
}
/** The tables a file names in a query: Kysely's calls, and `from`/`join` inside sql`…` templates. */
function tablesIn(source: string, known: ReadonlyMap<string, string>): string[] {
  const called = [
    ...source.matchAll(/\.(?:selectFrom|insertInto|updateTable|deleteFrom|\w*[jJ]oin)\(\s*'(\w+)/g),
  ];
  const raw = [...source.matchAll(/\bsql(?:<[^>]*>)?`([^`]*)`/g)].flatMap(([, template]) => [
    ...(template as string).matchAll(/\b(?:from|join)\s+(\w+)/gi),
  ]);
  return [...new Set([...called, ...raw].map((match) => match[1] as string))].filter((name) =>
    known.has(name),
  );
}
/**
 * Where a module may read another's table. The directory keeps the accounts
 * identity signs in (users) and identity names a user's party: the two are the
 * one boundary of who is who. A working group is a group of the directory made
 * a workspace: what is filed to it is marked by the group (its level, its
 * code), which its queries join to decide who may know of a meeting. Search
 * keeps a query module of its own across what it indexes.
 */
const SHARED_TABLES: Record<string, readonly string[]> = {
  directory: ['users'],
  identity: ['parties'],
  'working-groups': ['groups'],
};
const CROSS_MODULE_QUERIES = ['search'];

describe('the architecture', () => {
  it('has no import cycle', () => {
    expect(cycles(code)).toEqual([]);
  });

  it(`has no source file over ${LONGEST} lines (tests and migrations aside)`, () => {
    const long = code
      .filter((file) => !rel(file).startsWith('src/server/db/migrations/'))
      .filter((file) => (text.get(file) ?? '').split('\n').length > LONGEST);
    expect(long.map((file) => `${rel(file)}: ${(text.get(file) ?? '').split('\n').length}`)).toEqual([]);
  });

  it('writes SQL only in repositories', () => {
    const offenders = code.filter((file) => {
      if (SQL_HOMES.some((home) => home.test(rel(file)))) return false;
      const source = text.get(file) ?? '';
      return rel(file).startsWith('src/core/') ? QUERY.test(source) : SQL.test(source);
    });
    expect(offenders.map(rel)).toEqual([]);
  });

  it("queries in each module's repositories only that module's tables (others are asked through their functions)", () => {
    const owners = tableOwners();
    expect(owners.get('requests')).toBe('requests');
    expect(owners.size).toBeGreaterThan(30);
    const offenders = code.flatMap((file) => {
      const module = /^src\/server\/modules\/([\w-]+)\//.exec(rel(file))?.[1];
      if (!module || CROSS_MODULE_QUERIES.includes(module) || !file.endsWith('.repository.ts')) return [];
      const own = (table: string) =>
        owners.get(table) === module ||
        (module === 'audit' && owners.get(table) === 'audit-and-events') ||
        (SHARED_TABLES[module] ?? []).includes(table);
      return tablesIn(text.get(file) ?? '', owners)
        .filter((table) => !own(table))
        .map((table) => `${rel(file)}: ${table} (${owners.get(table)})`);
    });
    expect(offenders).toEqual([]);
  });

  it('writes the audit log and the event log only through the change envelope (platform/) and the audit module', () => {
    const outside = code.filter(
      (file) =>
        !rel(file).startsWith('src/server/platform/') && !rel(file).startsWith('src/server/modules/audit/'),
    );
    const offenders = outside.filter((file) =>
      /\baudit\.record\(|\bevents\.append\(|pg_advisory/.test(text.get(file) ?? ''),
    );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('finds the cycles and the calls it looks for (the checks above can fail)', () => {
    expect(
      /\baudit\.record\(/.test("await this.audit.record(tx, { action: 'x' })") &&
        /pg_advisory/.test('select pg_advisory_xact_lock(1)') &&
        SQL.test("await tx.selectFrom('requests')") &&
        SQL.test('await sql<{ n: number }>`select 1`'),
    ).toBe(true);
    const known = new Map([
      ['requests', 'requests'],
      ['districts', 'directory'],
    ]);
    expect(
      tablesIn("q.selectFrom('requests as r').innerJoin('districts as d', 'd.id', 'r.x')", known),
    ).toEqual(['requests', 'districts']);
    expect(tablesIn('sql`exists (select 1 from requests as r where id = 1)`', known)).toEqual(['requests']);
    const envelope = join(SRC, 'server/platform/change.ts');
    expect(importsOf(envelope).map(rel)).toContain('src/server/platform/caller.ts');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../core/i18n/locales';
import { REPORT_STATUSES } from '../../core/reports/schemas';
import { REPORT_ACTIONS, REPORT_TRANSITIONS } from '../../core/reports/workflow';
import { TRANSITIONS } from '../../core/requests/lifecycle';
import { SUBMISSION_ACTION_NAMES } from '../../core/submissions/schemas';

/**
 * Every problem code the server can answer has a message in every language
 * of the web (`errors.<code>`, which `describeError` in lib/errors.tsx shows):
 * a duty officer reads what happened and what to do in their own language,
 * not the server's English.
 *
 * The codes are read from the source: every call of the error factories of
 * src/core/errors.ts, every `new AppError(kind, code, …)`, every `problem(status,
 * code, …)` of src/server/platform/problem.ts. A code built from a template is
 * expanded from the finite set it comes from (listed below, each checked
 * against that set); a template this test does not know fails it.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const FACTORIES = [
  'badRequest',
  'conflict',
  'forbidden',
  'notFound',
  'unauthenticated',
  'payloadTooLarge',
  'unsupportedMediaType',
  'tooManyRequests',
];

/** Where a factory only passes on a code it was given (the factories themselves, the problem mapper). */
const FORWARDERS: Record<string, string[]> = {
  'src/core/errors.ts': ['code'],
  'src/server/platform/problem.ts': ['code: string', 'error.code'],
  // assertPasswordAcceptable's `fail(code, message)`: its codes are read from its `fail('…'` calls.
  'src/server/modules/identity/passwords.ts': ['code'],
};

/** Wrappers whose first argument is a code, by file. */
const WRAPPERS: Record<string, string[]> = {
  'src/server/modules/identity/passwords.ts': ['fail'],
};

/** The nouns the directory's commands name when an entry they point at does not exist. */
const directoryNouns = [
  ...new Set(
    sourceFiles(join(root, 'src/server/modules/directory'))
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bexisting\([^;]*?,\s*'([a-z ]+)'\s*\)/g)])
      .map((match) => match[1] as string),
  ),
];

/**
 * Codes built from templates, by the template's source text, with where each
 * set comes from. Each list is written out (the translations are keyed on
 * these) and checked against the set it is built from.
 */
const TEMPLATES: Record<string, { from: string; codes: string[]; derived: string[] }> = {
  // requests/commands/transition-request.ts: `needed` is requirementOf(action), the `needs` of the
  // request lifecycle's TRANSITIONS (src/core/requests/lifecycle.ts).
  '`missing_${needed}`': {
    from: 'the `needs` of the request lifecycle',
    codes: ['missing_reason', 'missing_conditions', 'missing_answer', 'missing_handover'],
    derived: Object.values(TRANSITIONS).flatMap((t) =>
      'needs' in t && t.needs ? [`missing_${t.needs}`] : [],
    ),
  },
  // reports/reports.policy.ts, checkReportAction: `action` is one of REPORT_ACTIONS (src/core/reports/workflow.ts).
  '`may_not_${action}`': {
    from: 'REPORT_ACTIONS',
    codes: ['may_not_edit', 'may_not_submit', 'may_not_approve', 'may_not_return', 'may_not_release'],
    derived: REPORT_ACTIONS.map((action) => `may_not_${action}`),
  },
  // submissions/submissions.policy.ts, checkSubmissionAction: `action` is one of SUBMISSION_ACTION_NAMES
  // (src/core/submissions/schemas.ts).
  '`may_not_${action}_submission`': {
    from: 'SUBMISSION_ACTION_NAMES',
    codes: ['may_not_edit_submission', 'may_not_release_submission', 'may_not_extract_submission'],
    derived: SUBMISSION_ACTION_NAMES.map((action) => `may_not_${action}_submission`),
  },
  // reports/reports.policy.ts, checkReportAction: an action other than release (which answers report_not_published)
  // on a report in a status its REPORT_TRANSITIONS entry does not start from.
  '`cannot_${action}_${report.status}`': {
    from: 'REPORT_TRANSITIONS and REPORT_STATUSES',
    codes: [
      'cannot_submit_review',
      'cannot_submit_published',
      'cannot_approve_draft',
      'cannot_approve_published',
      'cannot_return_draft',
      'cannot_return_published',
    ],
    derived: REPORT_ACTIONS.filter((action) => action !== 'release').flatMap((action) =>
      REPORT_STATUSES.filter((status) => !REPORT_TRANSITIONS[action].from.includes(status)).map(
        (status) => `cannot_${action}_${status}`,
      ),
    ),
  },
  // directory/commands/directory-checks.ts, existing(tx, table, column, value, noun): the nouns its callers name.
  "`${noun.replaceAll(' ', '_')}_not_found`": {
    from: "the nouns the directory's commands pass to existing(…, '<noun>')",
    codes: [
      'party_not_found',
      'unit_not_found',
      'district_not_found',
      'desk_not_found',
      'counterpart_desk_not_found',
      'group_not_found',
      'user_not_found',
    ],
    derived: directoryNouns.map((noun) => `${noun.replaceAll(' ', '_')}_not_found`),
  },
};

/** The first argument of the call whose `(` is at `open`, as written (strings, templates and nesting skipped over). */
function argumentAt(text: string, open: number, skip = 0): string {
  let depth = 0;
  let start = open + 1;
  let index = 0;
  for (let i = open + 1; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      i = text.indexOf(c, i + 1);
      continue;
    }
    if (c === '`') {
      // A template: skip to its closing backtick, over `${…}` (which the codes here keep simple).
      let j = i + 1;
      let inner = 0;
      for (; j < text.length; j += 1) {
        if (text[j] === '$' && text[j + 1] === '{') inner += 1;
        else if (text[j] === '}' && inner > 0) inner -= 1;
        else if (text[j] === '`' && inner === 0) break;
      }
      i = j;
      continue;
    }
    if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c) && depth > 0) depth -= 1;
    else if ((c === ',' || c === ')') && depth === 0) {
      if (index === skip) return text.slice(start, i).trim();
      index += 1;
      start = i + 1;
      if (c === ')') break;
    }
  }
  return text.slice(start).trim();
}

/** The codes an argument may be: a literal, either branch of a conditional, or a known template. */
function codesOf(argument: string, where: string): { codes: string[]; unknown: string[] } {
  const conditional = /^[^?]+\?\s*(.+?)\s*:\s*(.+)$/s.exec(argument);
  const branches = conditional ? [conditional[1] as string, conditional[2] as string] : [argument];
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const branch of branches.map((b) => b.trim())) {
    const literal = /^'([^']*)'$/.exec(branch);
    if (literal) codes.push(literal[1] as string);
    else if (TEMPLATES[branch]) codes.push(...(TEMPLATES[branch]?.codes ?? []));
    else unknown.push(`${where}: ${branch}`);
  }
  return { codes, unknown };
}

function collect() {
  const codes = new Map<string, string>();
  const unknown: string[] = [];
  const templatesSeen = new Set<string>();
  for (const file of [...sourceFiles(join(root, 'src/server')), ...sourceFiles(join(root, 'src/core'))]) {
    const path = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const calls: { at: number; skip: number }[] = [];
    const names = [...FACTORIES, ...(WRAPPERS[path] ?? [])].join('|');
    for (const match of text.matchAll(new RegExp(`\\b(?:${names})\\(`, 'g')))
      calls.push({ at: match.index + match[0].length - 1, skip: 0 });
    for (const match of text.matchAll(/\bnew AppError\(/g))
      calls.push({ at: match.index + match[0].length - 1, skip: 1 });
    if (path === 'src/server/platform/problem.ts')
      for (const match of text.matchAll(/\bproblem\(/g))
        calls.push({ at: match.index + match[0].length - 1, skip: 1 });
    for (const call of calls) {
      const argument = argumentAt(text, call.at, call.skip);
      if (FORWARDERS[path]?.includes(argument)) continue;
      const line = text.slice(0, call.at).split('\n').length;
      const found = codesOf(argument, `${path}:${line}`);
      unknown.push(...found.unknown);
      for (const code of found.codes) codes.set(code, `${path}:${line}`);
      if (TEMPLATES[argument]) templatesSeen.add(argument);
      for (const branch of Object.keys(TEMPLATES)) if (argument.includes(branch)) templatesSeen.add(branch);
    }
  }
  return { codes, unknown, templatesSeen };
}

const { codes, unknown, templatesSeen } = collect();

type Tree = { [key: string]: string | Tree };
const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(join(here, `${locale}.json`), 'utf8')) as Tree]),
) as Record<Locale, Tree>;

/** The message of a code in a catalogue: `errors.<code>`, or its plural forms (`errors.<code>_other`). */
function messageOf(locale: Locale, code: string): unknown {
  const errors = catalogues[locale].errors as Tree;
  return errors[code] ?? errors[`${code}_other`];
}

describe('problem codes', () => {
  it('are all read from the source: every template code is one this test knows how to expand', () => {
    expect(unknown).toEqual([]);
    expect(codes.size).toBeGreaterThan(100);
    // The problem mapper's own codes are among them, and those passed through a wrapper or built by hand.
    for (const code of [
      'validation_failed',
      'malformed_json',
      'rate_limited',
      'internal_error',
      'password_too_short',
      'code_taken',
      'report_not_published',
      'cannot_return_draft',
    ])
      expect(codes.has(code)).toBe(true);
  });

  it('expand each template from the set it is built from', () => {
    expect([...templatesSeen].sort()).toEqual(Object.keys(TEMPLATES).sort());
    for (const [template, { from, codes: listed, derived }] of Object.entries(TEMPLATES))
      expect({ template, from, codes: [...new Set(derived)].sort() }).toEqual({
        template,
        from,
        codes: [...listed].sort(),
      });
  });

  it('finds what it looks for (so the checks above can fail)', () => {
    // Source text as the scanner reads it, templates included.
    const template = (name: string, inner: string) => `\`${name}_\${${inner}}\``;
    const call = `throw badRequest(\n  'some_code',\n  ${template('a', 'noun')},\n);`;
    expect(argumentAt(call, call.indexOf('('))).toBe("'some_code'");
    expect(argumentAt("new AppError('conflict', 'code_taken', m)", 12, 1)).toBe("'code_taken'");
    expect(codesOf(`flag ? 'one_code' : ${template('may_not', 'action')}`, 'here').codes).toEqual([
      'one_code',
      ...(TEMPLATES[template('may_not', 'action')]?.codes ?? []),
    ]);
    expect(codesOf(template('brand_new', 'thing'), 'here').unknown).toEqual([
      `here: ${template('brand_new', 'thing')}`,
    ]);
    expect(directoryNouns).toContain('counterpart desk');
  });

  it.each(LOCALES)('each have a message in %s', (locale) => {
    const missing = [...codes.keys()].filter((code) => {
      const message = messageOf(locale, code);
      return typeof message !== 'string' || message.trim() === '';
    });
    expect(missing.map((code) => `${code} (${codes.get(code)})`)).toEqual([]);
  });
});

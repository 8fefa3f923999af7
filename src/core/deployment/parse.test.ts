import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeploymentError, formatDeploymentError, formatPath, parseDeployment } from './parse';

const SOURCE = 'deployments/demo.yaml';
const demoText = readFileSync(new URL('../../../deployments/demo.yaml', import.meta.url), 'utf8');
const demo = parseDeployment(demoText, SOURCE);

/** The error thrown for `text`; fails the test when the text parses. */
function errorOf(text: string, source = SOURCE): DeploymentError {
  try {
    parseDeployment(text, source);
  } catch (error) {
    if (error instanceof DeploymentError) return error;
    throw error;
  }
  throw new Error('expected a DeploymentError');
}

/** The demo with one line replaced, and the 1-based number of that line. */
function demoWith(line: string, replacement: string): { text: string; line: number } {
  const lines = demoText.split('\n');
  const index = lines.indexOf(line);
  if (index < 0) throw new Error(`the demo has no line ${JSON.stringify(line)}`);
  lines[index] = replacement;
  return { text: lines.join('\n'), line: index + 1 };
}

describe('parseDeployment', () => {
  it('reads the demo deployment', () => {
    expect(demo.version).toBe(1);
    expect(demo.parties.map((party) => party.code)).toEqual(['USSC', 'ISF', 'PASF']);
  });

  it('leads with the first problem: file, line, field and reason', () => {
    const { text, line } = demoWith('    counterpart: PASF-HEBRON', '    counterpart: PASF-HEBRN');
    const error = errorOf(text);
    const desk = demo.desks.findIndex((candidate) => candidate.code === 'ISF-HEBRON');
    expect(error.message).toMatch(
      new RegExp(
        `^deployments/demo\\.yaml:${line}: desks\\[${desk}\\]\\.counterpart: Unknown desk "PASF-HEBRN"`,
      ),
    );
    expect(error.issues[0]).toEqual({
      path: `desks[${desk}].counterpart`,
      message: 'Unknown desk "PASF-HEBRN"; did you mean "PASF-HEBRON"?',
      line,
    });
  });

  it('lists every problem in file order', () => {
    // Breaking ISF-HEBRON's counterpart also leaves PASF-HEBRON's pairing one-sided, a few lines further down.
    const { text } = demoWith('    counterpart: PASF-HEBRON', '    counterpart: PASF-HEBRN');
    const error = errorOf(text);
    expect(error.issues).toHaveLength(2);
    expect(error.message).toMatch(/\(and 1 more\)$/);
    const lines = error.issues.map((issue) => issue.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(formatDeploymentError(error).split('\n')).toEqual([
      expect.stringContaining('Unknown desk "PASF-HEBRN"'),
      expect.stringContaining('Pairing is not symmetric: "ISF-HEBRON" has "PASF-HEBRN", not "PASF-HEBRON"'),
    ]);
  });

  it('gives the line of a bad value', () => {
    const { text, line } = demoWith("      colour: '#c8102e'", '      colour: crimson');
    expect(errorOf(text).message).toBe(
      `deployments/demo.yaml:${line}: classification.levels[3].colour: Colour must be #RRGGBB`,
    );
  });

  it('gives the line of an unknown clearance', () => {
    const { text, line } = demoWith('    clearance: U', '    clearance: UNCLASSIFIED');
    const user = demo.users.findIndex((candidate) => candidate.clearance === 'U');
    expect(errorOf(text).message).toBe(
      `deployments/demo.yaml:${line}: users[${user}].clearance: Unknown clearance "UNCLASSIFIED": the scheme's levels are U, SBU, C, S, TS`,
    );
  });

  it('reports a duplicate code on the line of the second one', () => {
    const { text, line } = demoWith('  - code: PASF-JENIN', '  - code: ISF-JENIN');
    const desk = demo.desks.findIndex((candidate) => candidate.code === 'PASF-JENIN');
    expect(errorOf(text).issues).toContainEqual({
      path: `desks[${desk}].code`,
      message: 'Duplicate desk "ISF-JENIN": each is listed once',
      line,
    });
  });

  it('reports an unknown field on its own line', () => {
    const { text, line } = demoWith('    counterpart: PASF-HEBRON', '    counterpat: PASF-HEBRON');
    const desk = demo.desks.findIndex((candidate) => candidate.code === 'ISF-HEBRON');
    expect(errorOf(text).issues).toContainEqual({
      path: `desks[${desk}].counterpat`,
      message: 'Unknown field (format version 1 has no such field)',
      line,
    });
  });

  it('reports a missing field on the line of the entry that lacks it', () => {
    const { text } = demoWith('        status: H1', '');
    const hebron = demo.districts.findIndex((district) => district.code === 'HEBRON');
    const entryLine = text.split('\n').indexOf('      - code: HEBRON-H1') + 1;
    expect(errorOf(text).message).toBe(
      `deployments/demo.yaml:${entryLine}: districts[${hebron}].areas[0].status: Missing; this field is required`,
    );
  });

  it('gives the line and column of a YAML syntax error', () => {
    const error = errorOf('version: 1\nname:\n  en: a\n en: b\n', 'broken.yaml');
    expect(error.issues[0]).toEqual({
      path: '',
      message: 'YAML syntax: All mapping items must start at the same column',
      line: 4,
      column: 1,
    });
    expect(error.message).toBe(
      'broken.yaml:4:1: YAML syntax: All mapping items must start at the same column',
    );
  });

  it('treats a repeated key as a syntax error rather than keeping the last value', () => {
    const error = errorOf('version: 1\nversion: 1\n', 'broken.yaml');
    expect(error.message).toBe('broken.yaml:2:1: YAML syntax: Map keys must be unique');
  });

  it('names the versions it reads when the file is of another', () => {
    const error = errorOf(demoText.replace('version: 1', 'version: 2'));
    const line = demoText.split('\n').indexOf('version: 1') + 1;
    expect(error.message).toBe(
      `deployments/demo.yaml:${line}: version: Format version 2 is unknown; this Concord reads format version 1`,
    );
  });

  it('explains an empty file', () => {
    expect(errorOf('# nothing yet\n', 'empty.yaml').message).toBe(
      'empty.yaml: The file is empty; a deployment starts with "version: 1"',
    );
  });
});

describe('formatPath', () => {
  it('writes paths the way they read in the file', () => {
    expect(formatPath(['desks', 3, 'counterpart'])).toBe('desks[3].counterpart');
    expect(formatPath(['units', 0, 'children', 2, 'code'])).toBe('units[0].children[2].code');
    expect(formatPath([])).toBe('');
  });
});

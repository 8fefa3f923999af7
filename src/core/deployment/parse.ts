import { type Document, isNode, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { DEPLOYMENT_FORMAT_VERSIONS, type Deployment, deploymentSchema } from './schema';

/**
 * Reads a deployment file's text. Pure (the caller reads the file), so the
 * same parser serves start-up, the CLI and tests. Every problem carries the
 * line of the YAML node it is about: an administrator fixing a file of
 * several hundred lines needs "line 42", not just "desks[3]".
 */

export interface DeploymentIssue {
  /** Dotted path of the field, e.g. "desks[3].counterpart"; empty for the file as a whole. */
  path: string;
  message: string;
  line?: number;
  /** Given for YAML syntax errors, where the column matters. */
  column?: number;
}

export class DeploymentError extends Error {
  override name = 'DeploymentError';

  constructor(
    readonly source: string,
    readonly issues: DeploymentIssue[],
  ) {
    super(summarise(source, issues));
  }
}

export function parseDeployment(text: string, source: string): Deployment {
  const lineCounter = new LineCounter();
  const document = readYaml(text, source, lineCounter);
  const result = deploymentSchema.safeParse(document.toJS(), { error: missingFieldMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => schemaIssues(issue, document, lineCounter));
  throw new DeploymentError(source, issues.sort(byLine));
}

/** The YAML document, or a DeploymentError when the text is not YAML or holds nothing. */
function readYaml(text: string, source: string, lineCounter: LineCounter): Document {
  // prettyErrors off: the messages stay one line; positions come from the line counter.
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new DeploymentError(
      source,
      document.errors.map((error) => syntaxIssue(error, lineCounter)),
    );
  }
  if (document.contents === null) {
    throw new DeploymentError(source, [
      { path: '', message: 'The file is empty; a deployment starts with "version: 1"' },
    ]);
  }
  return document;
}

/** Every problem, one a line, in file order: for a log or a terminal. */
export function formatDeploymentError(error: DeploymentError): string {
  return error.issues.map((issue) => formatIssue(error.source, issue)).join('\n');
}

export function formatIssue(source: string, issue: DeploymentIssue): string {
  const position = [source, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return issue.path ? `${position}: ${issue.path}: ${issue.message}` : `${position}: ${issue.message}`;
}

function summarise(source: string, issues: DeploymentIssue[]): string {
  const [first] = issues;
  if (!first) return `${source}: invalid deployment file`;
  const more = issues.length - 1;
  return more > 0 ? `${formatIssue(source, first)} (and ${more} more)` : formatIssue(source, first);
}

function syntaxIssue(error: YAMLError, lineCounter: LineCounter): DeploymentIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { path: '', message: `YAML syntax: ${error.message}`, line, column: col };
}

/** zod's default for an absent field ("expected string, received undefined") does not say what to do. */
function missingFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined
    ? 'Missing; this field is required'
    : undefined;
}

/** An unknown field is reported at the field itself, which is where its line is. */
function schemaIssues(
  issue: z.core.$ZodIssue,
  document: Document,
  lineCounter: LineCounter,
): DeploymentIssue[] {
  const located = (path: PropertyKey[], message: string): DeploymentIssue => ({
    path: formatPath(path),
    message,
    line: lineOf(document, lineCounter, path),
  });
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      located(
        [...issue.path, key],
        `Unknown field (format version ${DEPLOYMENT_FORMAT_VERSIONS.at(-1)} has no such field)`,
      ),
    );
  }
  return [located(issue.path, issue.message)];
}

/** The line of the node at `path`, or of its nearest ancestor when the field itself is absent. */
function lineOf(document: Document, lineCounter: LineCounter, path: PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

export function formatPath(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** File order, so the first problem reported is the first in the file. Sorting is stable: ties keep zod's order. */
function byLine(a: DeploymentIssue, b: DeploymentIssue): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Checkpoint, checkpointSchema } from '../core/audit/schemas';
import { systemClock } from '../core/clock';
import { AppError } from '../core/errors';
import { createUserRequestSchema } from '../core/identity/schemas';
import { reportReference } from '../core/reports/reference';
import { presentCheckpoint } from '../server/modules/audit/audit.presenter';
import { AuditService } from '../server/modules/audit/audit.service';
import { presentUser } from '../server/modules/identity/identity.presenter';
import { IdentityService } from '../server/modules/identity/identity.service';
import { importCable } from '../server/modules/reports/commands/import-cable';
import { type ReportsDeps, reportsDeps } from '../server/modules/reports/reports.deps';
import { createChange } from '../server/platform/change';
import { type Config, ConfigError, loadConfig } from '../server/platform/config';
import { DataDirLockedError } from '../server/platform/db/data-dir-lock';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../server/platform/db/database';
import { deploymentContext } from '../server/platform/deployment-context';
import { loadDeploymentFile } from '../server/platform/deployment-file';
import { Events } from '../server/platform/events/events';
import { createReadAudit } from '../server/platform/read-audit';
import { databaseTargetOf } from '../server/start';

/**
 * `concord` — administration from the command line, against the same database
 * the server uses (DATABASE_URL, or the embedded one in CONCORD_DATA_DIR, which
 * must not be open in a running server at the same time).
 */
const USAGE = `Usage: npm run concord -- <command>

  user create --username NAME --display-name "Full Name" --nationality USA
              [--roles officer,supervisor] [--clearance U|C|S|TS] [--party CODE]
              [--language en|ar|he] [--email ADDRESS] [--password PASSWORD]
      Creates a user. Without --password, a password is generated and printed once.
  user reset-password NAME [--password PASSWORD]
      Sets a new password (generated and printed when not given) and signs the user out everywhere.
  user list
      Lists users.
  audit verify [--checkpoint FILE]
      Walks the audit log's hash chain and names the first entry that was altered, removed
      or inserted. With a checkpoint a party kept, also checks its signature and that the
      log still passes through it. Exits 0 when intact, 1 when tampered with.
  audit checkpoint
      Signs a checkpoint of the audit log's head now and prints it (JSON).
  import cables FILE...
      Imports diplomatic telegrams (HTML-ish or plain text) as reports of the coordinator.
      The same cable imported again is the same report. Exits 1 when any file could not
      be read, naming its line and what was expected there.
`;

type Output = (line: string) => void;

interface Services {
  audit: AuditService;
  /** These read the deployment file first (its classification scheme), so only commands that need it pay for it. */
  identity(): Promise<IdentityService>;
  reports(): Promise<ReportsDeps>;
}

/** A command resolves to its exit code; to anything else (nothing) for 0. */
type Command = (services: Services, args: string[], out: Output) => Promise<unknown>;

const COMMANDS: Record<string, Record<string, Command>> = {
  user: {
    create: async (s, args, out) => createUser(await s.identity(), args, out),
    'reset-password': async (s, args, out) => resetPassword(await s.identity(), args, out),
    list: async (s, _args, out) => listUsers(await s.identity(), out),
  },
  audit: {
    verify: (s, args, out) => verifyAudit(s.audit, args, out),
    checkpoint: (s, _args, out) => createCheckpoint(s.audit, out),
  },
  import: {
    cables: async (s, args, out) => importCables(await s.reports(), args, out),
  },
};

export async function runCli(
  argv: string[],
  out: Output = console.log,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [group, name, ...rest] = argv;
  const command = group && name ? COMMANDS[group]?.[name] : undefined;
  if (!command) {
    out(USAGE);
    return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
  }
  const config = loadConfig(env);
  const database = await openDatabase(databaseTargetOf(config));
  try {
    await migrateToLatest(database.db);
    const code = await command(servicesOf(database, config), rest, out);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    if (error instanceof UsageError) out(error.message);
    else if (isParseArgsError(error)) out(`${error.message}\n\n${USAGE}`);
    else throw error;
    return 2;
  } finally {
    await closeQuietly(database);
  }
}

function servicesOf(database: DatabaseHandle, config: Config): Services {
  const audit = new AuditService(database.db, systemClock, {
    deployment: config.deploymentName,
    keyFile: config.auditKeyFile,
  });
  // What the CLI changes goes through the same envelope as the server's writes: audited (by "system"),
  // and announced on the event log, so running servers' pages hear of an imported cable at once.
  const events = new Events(database, systemClock, console, { heartbeatMs: 60_000 });
  const change = createChange({ db: database.db, clock: systemClock, audit, events });
  const deployment = async () => deploymentContext(await loadDeploymentFile(config.deploymentFile));
  return {
    audit,
    identity: async () =>
      new IdentityService(
        database.db,
        systemClock,
        {
          sessionIdleMinutes: config.sessionIdleMinutes,
          sessionMaxHours: config.sessionMaxHours,
          totpRequiredForPrivilegedRoles: config.totpRequiredForPrivilegedRoles,
          lowestLevel: (await deployment()).lowest,
        },
        change,
      ),
    reports: async () => {
      const context = await deployment();
      const reads = createReadAudit(change, context);
      return reportsDeps({ db: database.db, clock: systemClock, deployment: context, change, reads });
    },
  };
}

/** Each file on its own: one that cannot be read does not stop the others. */
async function importCables(reports: ReportsDeps, files: string[], out: Output): Promise<number> {
  if (files.length === 0) throw new UsageError(`Name at least one cable file.\n\n${USAGE}`);
  let failed = 0;
  for (const file of files) {
    try {
      const result = await importCable(reports, null, readFileSync(file, 'utf8'));
      out(
        `${file}: ${reportReference(result.number)} ${result.created ? 'imported' : 'already imported, unchanged'}`,
      );
    } catch (error) {
      failed += 1;
      out(`${file}: ${describeError(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

const generatedPassword = () => randomBytes(12).toString('base64url');

async function createUser(identity: IdentityService, args: string[], out: Output): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      nationality: { type: 'string' },
      roles: { type: 'string' },
      clearance: { type: 'string' },
      party: { type: 'string' },
      language: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const password = values.password ?? generatedPassword();
  const request = createUserRequestSchema.safeParse({
    username: values.username,
    displayName: values['display-name'],
    nationality: values.nationality,
    roles: values.roles ? values.roles.split(',').map((role) => role.trim()) : [],
    clearance: values.clearance,
    partyCode: values.party,
    language: values.language,
    email: values.email,
    password,
  });
  if (!request.success) {
    const fields: Record<string, string> = { displayName: '--display-name', partyCode: '--party' };
    const lines = request.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      return `  ${fields[field] ?? `--${field}`}: ${issue.message}`;
    });
    throw new CliError(`Cannot create the user:\n${lines.join('\n')}`);
  }
  const user = await identity.createUser(request.data);
  out(`Created ${user.username} (${user.display_name}).`);
  if (!values.password) out(`Password, shown this once: ${password}`);
}

async function resetPassword(identity: IdentityService, args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { password: { type: 'string' } },
  });
  const username = positionals[0];
  if (!username) throw new CliError('Name the user: user reset-password NAME');
  const password = values.password ?? generatedPassword();
  const user = await identity.resetPassword(username, password);
  out(`Password of ${user.username} reset; every session of theirs was signed out.`);
  if (!values.password) out(`New password, shown this once: ${password}`);
}

async function listUsers(identity: IdentityService, out: Output): Promise<void> {
  const users = (await identity.listUsers()).map(presentUser);
  const rows = [
    ['USERNAME', 'NAME', 'PARTY', 'ROLES', 'NAT', 'CLEAR', '2FA', 'STATUS'],
    ...users.map((user) => [
      user.username,
      user.displayName,
      user.party?.code ?? '-',
      user.roles.join(',') || '-',
      user.nationality,
      user.clearance,
      user.totpEnabled ? 'on' : 'off',
      user.disabled ? 'disabled' : 'active',
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  for (const row of rows)
    out(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

async function verifyAudit(audit: AuditService, args: string[], out: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { checkpoint: { type: 'string' } } });
  const checkpoint = values.checkpoint ? readCheckpoint(values.checkpoint) : null;
  const refusal = checkpoint && audit.checkpointRefusal(checkpoint);
  if (refusal) {
    out(`CHECKPOINT REFUSED: ${values.checkpoint}: ${refusal}.`);
    return 1;
  }
  const anchor = checkpoint && {
    seq: checkpoint.seq,
    headHash: checkpoint.headHash,
    label: `the checkpoint of ${checkpoint.createdAt}`,
  };
  if (anchor) {
    const signer = audit.trustedKeyId() ? "this deployment's key" : 'not compared: no signing key file here';
    out(`Checkpoint signature valid: entry ${anchor.seq}, key ${checkpoint.keyId} (${signer}).`);
  }
  const report = await audit.verify(anchor ?? undefined);
  if (!report.ok) {
    out(`TAMPERED (${report.problem.kind} at entry ${report.problem.seq}): ${report.problem.message}.`);
    return 1;
  }
  out(`Audit log intact: ${report.count} entries, head hash ${report.headHash}.`);
  if (anchor) out(`The log still passes through ${anchor.label} (entry ${anchor.seq}).`);
  return 0;
}

function readCheckpoint(path: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the checkpoint ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON: expected a checkpoint downloaded from Concord.`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new UsageError(`${path} is not a Concord audit checkpoint:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

async function createCheckpoint(audit: AuditService, out: Output): Promise<void> {
  out(JSON.stringify(presentCheckpoint(await audit.createCheckpoint()), null, 2));
}

class CliError extends Error {}

/** The command line itself is wrong (exit code 2), as opposed to what it asked for failing. */
class UsageError extends CliError {}

/** node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options. */
const isParseArgsError = (error: unknown): error is Error =>
  error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');

async function closeQuietly(database: DatabaseHandle): Promise<void> {
  try {
    await database.close();
  } catch {
    // the command's own outcome matters more than a close error
  }
}

function describeError(error: unknown): string {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirLockedError) {
    return error.message;
  }
  if (error instanceof AppError) {
    const fields = (error.extra.issues ?? [])
      .filter((issue) => issue.message !== error.message)
      .map((issue) => `\n  ${issue.path}: ${issue.message}`)
      .join('');
    return `${error.message}${fields}`;
  }
  if (error instanceof Error && error.name === 'ParseArgsError') return `${error.message}\n\n${USAGE}`;
  return String(error instanceof Error ? (error.stack ?? error.message) : error);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(describeError(error));
      process.exit(1);
    },
  );
}

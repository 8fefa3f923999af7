import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { AppError } from '../core/errors';
import { createUserRequestSchema } from '../core/identity/schemas';
import { presentUser } from '../server/modules/identity/identity.presenter';
import { IdentityService } from '../server/modules/identity/identity.service';
import { ConfigError, loadConfig } from '../server/platform/config';
import { DataDirLockedError } from '../server/platform/db/data-dir-lock';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../server/platform/db/database';
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
`;

type Output = (line: string) => void;

export async function runCli(
  argv: string[],
  out: Output = console.log,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group !== 'user' || !command || !['create', 'reset-password', 'list'].includes(command)) {
    out(USAGE);
    return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
  }
  const config = loadConfig(env);
  const database = await openDatabase(databaseTargetOf(config));
  try {
    await migrateToLatest(database.db);
    const identity = new IdentityService(database.db, systemClock, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionMaxHours: config.sessionMaxHours,
      totpRequiredForPrivilegedRoles: config.totpRequiredForPrivilegedRoles,
    });
    if (command === 'create') await createUser(identity, rest, out);
    else if (command === 'reset-password') await resetPassword(identity, rest, out);
    else await listUsers(identity, out);
    return 0;
  } finally {
    await closeQuietly(database);
  }
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

class CliError extends Error {}

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

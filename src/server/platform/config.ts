import { join } from 'node:path';
import { z } from 'zod';
import { DEMO_DEPLOYMENT_FILE } from './deployment-file';

/**
 * Every environment variable Concord reads, with its default. The README's
 * configuration table mirrors this schema; keep them together.
 */
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
      error: 'must be 1 or 0 (or true/false, yes/no, on/off)',
    })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(value)));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user@host:5432/concord')
  .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must start with postgres:// or postgresql://');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  CONCORD_DATA_DIR: z.string().min(1).default('./data'),
  CONCORD_DEPLOYMENT_FILE: z.string().min(1).default(DEMO_DEPLOYMENT_FILE),
  CONCORD_DEPLOYMENT_NAME: z.string().trim().min(1).max(100).default('concord'),
  CONCORD_AUDIT_KEY_FILE: z.string().min(1).optional(),
  CONCORD_DEMO: flag(true),
  CONCORD_DEMO_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters (the password policy applies to demo accounts too)')
    .optional(),
  SMTP_URL: z
    .string()
    .url('must be a URL such as smtp://user:pass@mail.example.org:587')
    .refine((url) => /^smtps?:\/\//.test(url), 'must start with smtp:// or smtps://')
    .optional(),
  CONCORD_MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an address such as concord@example.org or "Concord <concord@example.org>"',
    )
    .default('concord@localhost'),
  CONCORD_PUBLIC_URL: z
    .string()
    .url('must be a URL such as https://concord.example.org')
    .refine((url) => /^https?:\/\//.test(url), 'must start with http:// or https://')
    // Links are made by appending paths: one trailing slash would double up.
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  CONCORD_BODY_LIMIT: positiveInt(1024 * 1024),
  CONCORD_SESSION_IDLE_MINUTES: positiveInt(60),
  CONCORD_SESSION_MAX_HOURS: positiveInt(12),
  CONCORD_TOTP_REQUIRED: flag(false),
  CONCORD_TRUST_PROXY: flag(false),
  CONCORD_EVENTS_HEARTBEAT_SECONDS: positiveInt(15),
  CONCORD_EVENTS_RETENTION_DAYS: positiveInt(7),
  CONCORD_URGENT_REALERT_SECONDS: positiveInt(300),
  CONCORD_WEB_DIR: z.string().min(1).default('./dist/web'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent, the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The deployment configuration file (YAML); the demo deployment by default. */
  deploymentFile: string;
  /** Names the deployment in signed audit checkpoints. */
  deploymentName: string;
  /** The Ed25519 key that signs audit checkpoints (PEM); created on first use. */
  auditKeyFile: string;
  demo: boolean;
  demoPassword: string | undefined;
  /** Where e-mail notifications are sent through; unset, Concord sends no e-mail. */
  smtpUrl: string | undefined;
  /** The From address of e-mail notifications. */
  mailFrom: string;
  /** The address users reach Concord at (no trailing slash), for links in e-mail; unset, links are paths only. */
  publicUrl: string | undefined;
  bodyLimit: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** When true, supervisors, coordinators and administrators must enrol a second factor. */
  totpRequiredForPrivilegedRoles: boolean;
  trustProxy: boolean;
  /**
   * How often each instance checks its LISTEN connection and reads the event
   * log, and pings WebSocket clients: the longest a half-open connection can
   * delay live events, and how soon a revoked session's sockets close.
   */
  eventsHeartbeatSeconds: number;
  /** How long the live event log keeps an event: a client away longer reloads instead of replaying. */
  eventsRetentionDays: number;
  /** How often the recipients of an urgent channel message are alerted again until they acknowledge. */
  urgentRealertSeconds: number;
  webDir: string;
  logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.CONCORD_DATA_DIR,
    deploymentFile: e.CONCORD_DEPLOYMENT_FILE,
    deploymentName: e.CONCORD_DEPLOYMENT_NAME,
    auditKeyFile: e.CONCORD_AUDIT_KEY_FILE ?? join(e.CONCORD_DATA_DIR, 'audit-signing-key.pem'),
    demo: e.CONCORD_DEMO,
    demoPassword: e.CONCORD_DEMO_PASSWORD,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.CONCORD_MAIL_FROM,
    publicUrl: e.CONCORD_PUBLIC_URL,
    bodyLimit: e.CONCORD_BODY_LIMIT,
    sessionIdleMinutes: e.CONCORD_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.CONCORD_SESSION_MAX_HOURS,
    totpRequiredForPrivilegedRoles: e.CONCORD_TOTP_REQUIRED,
    trustProxy: e.CONCORD_TRUST_PROXY,
    eventsHeartbeatSeconds: e.CONCORD_EVENTS_HEARTBEAT_SECONDS,
    eventsRetentionDays: e.CONCORD_EVENTS_RETENTION_DAYS,
    urgentRealertSeconds: e.CONCORD_URGENT_REALERT_SECONDS,
    webDir: e.CONCORD_WEB_DIR,
    logLevel: e.LOG_LEVEL,
  };
}

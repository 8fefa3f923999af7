/**
 * Accounts, sessions, API tokens and the sign-in throttle. Kysely's view: the migrations are the
 * source of truth; keep this in step with them.
 */
import type { Generated, Selectable } from 'kysely';
import type { CreatedAt, Timestamp } from './common';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  roles: string[];
  language: string;
  nationality: string;
  clearance: string;
  party_id: string | null;
  unit_id: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  disabled_at: Date | null;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export type UserRow = Selectable<UsersTable>;

export type SessionRow = Selectable<SessionsTable>;

export type ApiTokenRow = Selectable<ApiTokensTable>;

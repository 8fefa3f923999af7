import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely's view of the tables. Migrations are the source of truth; keep this in step with them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface PartiesTable {
  id: Generated<string>;
  code: string;
  kind: 'coordinator' | 'party';
  name_en: string;
  name_ar: string;
  name_he: string;
  created_at: CreatedAt;
}

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

export interface Database {
  parties: PartiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_throttle: AuthThrottleTable;
}

export type UserRow = Selectable<UsersTable>;
export type PartyRow = Selectable<PartiesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

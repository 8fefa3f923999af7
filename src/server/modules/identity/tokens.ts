import { createHash, randomBytes } from 'node:crypto';

/** API tokens start with this, so a bearer value that is not one is turned away without a query. */
export const API_TOKEN_PREFIX = 'cct_';

/** Session cookies and API tokens are stored only as their SHA-256 digest. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** 256 random bits, URL-safe: a session cookie, or the secret part of an API token. */
export const newSecretToken = () => randomBytes(32).toString('base64url');

import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { badRequest } from '../../../core/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../core/identity/password-rules';

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never verifies
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verifying against a throwaway hash when the user does not exist keeps the
 * answer as slow as for a real user, so timing does not reveal usernames.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('concord-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

// About 49,000 passwords most often found in breaches.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'] as string[]);

/** The password policy: length, not a breached favourite, not built from the username. Throws a 400. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const fail = (code: string, message: string) => {
    throw badRequest(code, message, [{ path: 'password', message }]);
  };
  if ([...password].length < PASSWORD_MIN_LENGTH)
    fail('password_too_short', `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH)
    fail('password_too_long', `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  // "Password2024!" is "password" with decoration: strip digits and symbols at either end.
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || (core.length >= 4 && COMMON_PASSWORDS.has(core)))
    fail(
      'password_too_common',
      'This password is among the most common ones attackers try first. Choose another.',
    );
  if (new Set(lower).size <= 2)
    fail('password_too_simple', 'Password must not repeat one or two characters.');
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    fail('password_contains_username', 'Password must not contain the username.');
}

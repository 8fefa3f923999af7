/**
 * Password length rules, in a module without zod so the web's login bundle
 * can import them without pulling in the schema library.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Argon2 hashes any length, but an unbounded password is a denial-of-service lever. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The server's minimum password length (PASSWORD_MIN_LENGTH in
 * src/core/identity/schemas.ts). Copied rather than imported: that module
 * builds zod schemas at load time and would add zod (80 kB) to the login
 * page. src/web/locales/locales.test.ts fails if the two ever differ.
 */
export const PASSWORD_MIN_LENGTH = 12;

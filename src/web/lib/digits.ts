/**
 * Arabic and Persian keyboards type Arabic-Indic digits (٠١٢… or ۰۱۲…); the
 * server wants ASCII digits in authenticator codes. Converts them and drops
 * spaces, which some apps show in the middle of a code.
 */
export function normaliseCode(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\s-]/g, '');
}

export const isSixDigitCode = (value: string) => /^\d{6}$/.test(normaliseCode(value));

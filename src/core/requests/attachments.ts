/**
 * What a request's thread may carry: documents and pictures of the kinds
 * officers exchange, up to a size a bad link can still move. The type is
 * decided from the content (the server sniffs it), never from the name or
 * what the client claims.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export const ATTACHMENT_KINDS = 'PDF, PNG, JPEG, WebP, plain text, Word (.docx) or Excel (.xlsx)';

/** Plain text has no signature: it is text when it decodes as UTF-8 and holds no control bytes but tabs and line breaks. */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to show and to send back: no path, no control or bidirectional characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters, and the bidirectional controls that make "txt.exe" read "exe.txt" (U+202E and kin).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  // By code point, so that the cut never leaves half of a surrogate pair.
  return Array.from(clean).slice(0, 200).join('');
}

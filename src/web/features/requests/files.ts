import type { ParseKeys } from 'i18next';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../core/requests/attachments';

/**
 * The thread's files, without React: what the browser can tell about a file
 * before sending it, and how a size and a kind are said. The server sniffs
 * the bytes and has the last word; checking here only spares a user a long
 * upload over a bad link that would be refused anyway.
 */

/** The file name endings of the kinds the server accepts (".jpeg" as well as ".jpg"). */
const ALLOWED_EXTENSIONS = new Set([...Object.values(ATTACHMENT_TYPES), 'jpeg']);

/** For the file picker's `accept`: the allowed types and their endings, so the dialog offers only those. */
export const ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES),
  ...[...ALLOWED_EXTENSIONS].map((extension) => `.${extension}`),
].join(',');

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export type FileProblem = 'empty' | 'too-large' | 'type-not-allowed';

/**
 * Why a file cannot be attached, as far as the browser can tell, or null.
 * A file passes on its name's ending or on the type the browser reports
 * (some systems report none, some name files without endings).
 */
export function fileProblem(file: { name: string; size: number; type: string }): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'too-large';
  const known = ALLOWED_EXTENSIONS.has(extensionOf(file.name)) || file.type in ATTACHMENT_TYPES;
  return known ? null : 'type-not-allowed';
}

const UNITS = [
  { unit: 'byte', size: 1 },
  { unit: 'kilobyte', size: 1024 },
  { unit: 'megabyte', size: 1024 * 1024 },
] as const;

/**
 * A size the way the user's language writes it ("2.4 MB", "2.4 م.ب", "300 בייט"):
 * Intl supplies the digits, the decimal mark and the unit's short name. Counted
 * in 1,024s, as file managers do, so the limit reads "10 MB" as the server's 10 MiB.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const { unit, size } = [...UNITS].reverse().find((candidate) => bytes >= candidate.size) ?? UNITS[0];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(bytes / size);
}

/** What kind of file it is, in the user's words, from the type the server sniffed. */
export function kindKeyOf(mediaType: string): ParseKeys {
  const kind = ATTACHMENT_TYPES[mediaType];
  return kind ? (`requests.files.kind.${kind}` as ParseKeys) : 'requests.files.kind.other';
}

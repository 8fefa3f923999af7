import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { badRequest, payloadTooLarge, unsupportedMediaType } from '../../core/errors';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  cleanFilename,
  isPlainText,
} from '../../core/requests/attachments';

/** A file as it is kept: its cleaned name, the type its bytes show, their digest. */
export interface CheckedFile {
  filename: string;
  mediaType: string;
  sha256: string;
}

/**
 * The one check for a file attached to anything (a request, a message): named,
 * not empty, within the size limit, and of an allowed type as its bytes show
 * it; a Content-Type or a name the client sends decides nothing.
 */
export async function checkedFile(file: { filename: string; bytes: Buffer }): Promise<CheckedFile> {
  const filename = cleanFilename(file.filename);
  if (!filename)
    throw badRequest('invalid_filename', 'Name the file.', [
      { path: 'querystring.filename', message: 'Empty' },
    ]);
  if (file.bytes.length === 0) throw badRequest('empty_attachment', 'The file is empty.');
  if (file.bytes.length > ATTACHMENT_MAX_BYTES)
    throw payloadTooLarge(
      'attachment_too_large',
      `A file is at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB.`,
    );
  const mediaType = await sniff(file.bytes);
  if (!mediaType || !ATTACHMENT_TYPES[mediaType])
    throw unsupportedMediaType(
      'attachment_type_not_allowed',
      `This file is ${mediaType ?? 'of no known type'}; attach ${ATTACHMENT_KINDS}.`,
    );
  return { filename, mediaType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}

/** The media type of `bytes`, from their signature; plain text has none and is recognised by its bytes. */
export async function sniff(bytes: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  return isPlainText(bytes) ? 'text/plain' : null;
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name (Arabic and Hebrew names survive). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Answers with a stored file's bytes, under the type sniffed at upload, never cached. */
export function sendFile(
  reply: FastifyReply,
  file: { media_type: string; filename: string; content: Buffer },
) {
  return reply
    .type(file.media_type)
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/**
 * Registers routes whose body is a file's bytes, whatever its Content-Type:
 * the server decides the type from the content (see `checkedFile`).
 */
export async function fileUploadRoutes(app: FastifyInstance, routes: (uploads: FastifyInstance) => void) {
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    routes(uploads);
  });
}

/** The uploaded bytes (none when the body was empty). */
export const uploadedBytes = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

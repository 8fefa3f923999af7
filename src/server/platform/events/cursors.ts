import { createCipheriv, createDecipheriv } from 'node:crypto';

/** The first half of every cursor's block: a token that does not decrypt to it was not made here. */
const TAG = Buffer.from('concord\0', 'latin1');

/**
 * Event-log positions as clients see them: `eventId` and `?after=` are opaque
 * cursors (one AES block, the position under a tag, encrypted with the
 * deployment's key), so a client cannot count the events between two it
 * received, nor guess another's. The same position always makes the same
 * cursor, on every instance, across restarts.
 */
export class EventCursors {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('An event cursor key is 32 bytes.');
  }

  /** The cursor of log position `id`. */
  of(id: number): string {
    const block = Buffer.alloc(16);
    TAG.copy(block);
    block.writeBigUInt64BE(BigInt(id), 8);
    const cipher = createCipheriv('aes-256-ecb', this.key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url');
  }

  /** The log position a cursor stands for; null for anything this deployment did not make. */
  position(cursor: string): number | null {
    if (!/^[A-Za-z0-9_-]{22}$/.test(cursor)) return null;
    const bytes = Buffer.from(cursor, 'base64url');
    // One spelling per cursor: the last character's unused bits must be zero.
    if (bytes.toString('base64url') !== cursor) return null;
    const decipher = createDecipheriv('aes-256-ecb', this.key, null).setAutoPadding(false);
    const block = Buffer.concat([decipher.update(bytes), decipher.final()]);
    if (!block.subarray(0, 8).equals(TAG)) return null;
    const id = block.readBigUInt64BE(8);
    return id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : null;
  }
}

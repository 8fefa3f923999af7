import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Checkpoint, UnsignedCheckpoint } from '../../../core/audit/schemas';
import { canonicalJson } from './chain';

/**
 * Ed25519 signatures over checkpoints, with the deployment's key in a PEM file.
 * Whoever holds the file can sign; keep it off backups that parties' opponents
 * can read, and keep it for as long as checkpoints signed with it matter.
 */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/** The key at `path`; null when there is no file (verification must not create one). */
export function readSigningKey(path: string): SigningKey | null {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The audit signing key ${path} is ${privateKey.asymmetricKeyType}, not Ed25519.`);
  }
  return signingKeyOf(privateKey);
}

/** The key at `path`, created (readable by its owner only) the first time it is needed. */
export function loadOrCreateSigningKey(path: string): SigningKey {
  const existing = readSigningKey(path);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx': if another process created the file meanwhile, keep theirs rather than overwrite it.
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSigningKey(path) as SigningKey;
}

function signingKeyOf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The key's fingerprint: SHA-256 of its DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

const signedBytes = (checkpoint: UnsignedCheckpoint) =>
  Buffer.from(
    canonicalJson({
      deployment: checkpoint.deployment,
      seq: checkpoint.seq,
      headHash: checkpoint.headHash,
      createdAt: checkpoint.createdAt,
      keyId: checkpoint.keyId,
      publicKey: checkpoint.publicKey,
    }),
    'utf8',
  );

export function signCheckpoint(
  fields: Omit<UnsignedCheckpoint, 'keyId' | 'publicKey'>,
  key: SigningKey,
): Checkpoint {
  const unsigned = { ...fields, keyId: key.keyId, publicKey: key.publicKeyPem };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

/**
 * Why the checkpoint cannot be trusted, or null when its signature holds and
 * it was signed by `trustedKeyId` (when given). The key inside the checkpoint
 * proves nothing by itself: anyone can sign with a key of their own.
 */
export function signatureRefusal(checkpoint: Checkpoint, trustedKeyId: string | null): string | null {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(checkpoint.publicKey);
  } catch {
    return 'its public key is not a readable PEM key';
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') return 'its public key is not an Ed25519 key';
  if (keyIdOf(publicKey) !== checkpoint.keyId) return 'its key id is not the fingerprint of its public key';
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (!verify(null, signedBytes(checkpoint), publicKey, signature)) {
    return 'its signature does not verify: the checkpoint was changed after it was signed';
  }
  if (trustedKeyId && checkpoint.keyId !== trustedKeyId) {
    return `it was signed by key ${checkpoint.keyId}, not by this deployment's key ${trustedKeyId}`;
  }
  return null;
}

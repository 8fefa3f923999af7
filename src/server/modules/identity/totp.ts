import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, username: string) {
  const otpauthUrl = generateURI({ issuer: 'Concord', label: username, secret });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, {
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 240,
  });
  return { secret, otpauthUrl, qrCodeDataUrl };
}

/**
 * Checks a code at `now`, accepting one step of clock drift either way.
 * Returns the matched time step, or null. A step at or before `lastStep` is a
 * replay of a code already used, and is refused.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

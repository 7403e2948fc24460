import { keyFromBase64, open, seal } from '@repo/crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238) with otplib's defaults: SHA-1, 6 digits, 30-second steps — what every
 * authenticator app expects. One step of clock drift either way is accepted.
 */
export const TOTP_PERIOD = 30;
const TOLERANCE_SECONDS = TOTP_PERIOD;
export const TOTP_ISSUER = 'Groundwork';

export const newTotpSecret = () => generateSecret({ length: 20 });

export function otpauthUrl(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The QR code as an SVG document, rendered here so the secret never reaches a third party. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step the code belongs to, or null. `afterStep` rejects that step and earlier ones
 * (replay); the caller must still claim the step atomically, since two requests can both get here.
 */
export async function matchTotp(
  secret: string,
  code: string,
  { afterStep, now }: { afterStep: bigint | null; now: Date },
): Promise<bigint | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: Number(afterStep) } : {}),
  });
  // The functional API's result type also covers HOTP; TOTP results always carry the step.
  return result.valid && 'timeStep' in result ? BigInt(result.timeStep) : null;
}

/** The user id is the AAD: a ciphertext moved to another user's row does not decrypt. */
export const sealSecret = (key: string, userId: string, secret: string) =>
  seal(keyFromBase64(key), secret, `totp:${userId}`);
export const openSecret = (key: string, userId: string, sealed: string) =>
  open(keyFromBase64(key), sealed, `totp:${userId}`);

import { z } from 'zod';
import { LinkToken, SignInResponse, TokenDelivery } from './auth';

/**
 * Two-factor authentication HTTP contract (A4, ADR 0012). A sign-in that needs a second factor
 * answers `TwoFactorRequired` instead of a session; the challenge token grants nothing but
 * POST /v1/auth/two-factor.
 */

/** Six digits from the authenticator app (spaces tolerated, as apps display "123 456"). */
export const TotpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'six digits'));
/** Backup codes are shown as `xxxxx-xxxxx`; case, spaces and dashes are ignored. */
export const BackupCodeInput = z.string().min(8).max(32);

export const TwoFactorRequired = z.object({
  twoFactorRequired: z.literal(true),
  challengeToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type TwoFactorRequired = z.infer<typeof TwoFactorRequired>;
/** POST /v1/auth/sign-in answers a session, or a pending second step when 2FA is on. */
export const SignInOutcome = z.union([SignInResponse, TwoFactorRequired]);

export const TwoFactorVerifyBody = z
  .strictObject({
    challengeToken: LinkToken,
    code: TotpCode.optional(),
    backupCode: BackupCodeInput.optional(),
    /** Skip the second step on this browser for TRUSTED_DEVICE_DAYS. */
    rememberDevice: z.boolean().default(false),
    tokenDelivery: TokenDelivery,
  })
  .refine((b) => (b.code === undefined) !== (b.backupCode === undefined), {
    message: 'exactly one of code or backupCode',
    path: ['code'],
  });

export const TwoFactorEnrolResponse = z.object({
  /** Base32 key for manual entry. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as an SVG QR code, rendered by the API (no third-party service). */
  qrSvg: z.string(),
});
export const TwoFactorConfirmBody = z.strictObject({ code: TotpCode });
/** Shown once: only their hashes are stored. */
export const BackupCodesResponse = z.object({ backupCodes: z.array(z.string()) });

export const TrustedDeviceView = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  /** This browser's own trusted-device cookie. */
  current: z.boolean(),
});
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  /** TWO_FACTOR_POLICY demands 2FA for this account. */
  required: z.boolean(),
  backupCodesRemaining: z.number().int(),
  trustedDevices: z.array(TrustedDeviceView),
});
export const TrustedDeviceIdParams = z.strictObject({ id: z.uuid() });

import { z } from 'zod';

/**
 * Shapes of the 2FA and SSO answers the web reads (issue 4). Deliberately lenient (`looseObject`,
 * optional extras): the UI needs a few fields and must not break when the API adds more.
 */

export const TwoFactorChallenge = z.looseObject({
  twoFactorRequired: z.literal(true),
  challengeToken: z.string().min(1),
  expiresAt: z.string().optional(),
});
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallenge>;

/** Six digits from an authenticator app, or a backup code (letters/digits, dashes allowed). */
export const OTP_PATTERN = /^\d{6}$/;
export const TotpVerifyBody = z.strictObject({
  challengeToken: z.string().min(1),
  code: z.string().regex(OTP_PATTERN),
  rememberDevice: z.boolean(),
});
export const BackupVerifyBody = z.strictObject({
  challengeToken: z.string().min(1),
  backupCode: z.string().trim().min(6).max(64),
  rememberDevice: z.boolean(),
});

export const ConfirmTwoFactorBody = z.strictObject({ code: z.string().regex(OTP_PATTERN) });

export const TrustedDeviceView = z.looseObject({
  id: z.string(),
  device: z.string().nullish(),
  ip: z.string().nullish(),
  createdAt: z.string().nullish(),
  lastUsedAt: z.string().nullish(),
  expiresAt: z.string().nullish(),
});
export type TrustedDeviceView = z.infer<typeof TrustedDeviceView>;

export const TwoFactorStatus = z.looseObject({
  enabled: z.boolean(),
  backupCodesRemaining: z.number().nullish(),
  trustedDevices: z.array(TrustedDeviceView).default([]),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const EnrolResponse = z.looseObject({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrSvg: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const BackupCodesResponse = z.looseObject({ backupCodes: z.array(z.string()) });

export const SsoProvider = z.looseObject({ id: z.string(), label: z.string(), kind: z.string().optional() });
export type SsoProvider = z.infer<typeof SsoProvider>;
export const SsoProviders = z.union([
  z.array(SsoProvider),
  z.looseObject({ providers: z.array(SsoProvider) }).transform((b) => b.providers),
]);

export const IdentityView = z.looseObject({
  id: z.string(),
  provider: z.string(),
  email: z.string().nullish(),
  createdAt: z.string().nullish(),
});
export type IdentityView = z.infer<typeof IdentityView>;
export const IdentityList = z.union([
  z.array(IdentityView),
  z.looseObject({ identities: z.array(IdentityView) }).transform((b) => b.identities),
]);

import { z } from 'zod';
import { listPage, listQuery } from './list';
import { isMultiLineText, isSingleLineText, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from './text';

/**
 * Feature flags (D3, docs/flags.md). A flag's `definition` is a `FlagDefinition` of `@repo/flags`
 * (validated by the API; see packages/flags/README.md): this package does not depend on it, so
 * here it is an opaque JSON object. Admin routes are for global admins only; `GET /me/flags`
 * gives any signed-in user the flags evaluated for them.
 */

/** Same rule as `FlagKey` in @repo/flags, for URLs. */
export const AdminFlagParams = z.strictObject({
  key: z
    .string()
    .max(64)
    .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'a flag key'),
});

const DEFINITION_DESCRIPTION =
  'A FlagDefinition (@repo/flags): key, kind, variants, defaults, killSwitch, rules, rollout.';

export const AdminFlagDefinitionJson = z.record(z.string(), z.unknown()).describe(DEFINITION_DESCRIPTION);

/**
 * What an admin sends to create or replace a flag: the texts they typed are held to the shared
 * text rule (text.ts) — the description may span lines, a rule's id and description may not.
 * Checked on the way in only: FlagDefinition (@repo/flags) also parses stored flags, which must
 * keep loading whatever they hold.
 */
export const AdminFlagDefinitionBody = z
  .record(z.string(), z.unknown())
  .superRefine((definition, ctx) => {
    if (typeof definition.description === 'string' && !isMultiLineText(definition.description)) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: MULTI_LINE_MESSAGE });
    }
    if (!Array.isArray(definition.rules)) return;
    definition.rules.forEach((rule: unknown, i) => {
      if (typeof rule !== 'object' || rule === null) return;
      for (const field of ['id', 'description'] as const) {
        const value = (rule as Record<string, unknown>)[field];
        if (typeof value === 'string' && !isSingleLineText(value)) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, field], message: SINGLE_LINE_MESSAGE });
        }
      }
    });
  })
  .describe(DEFINITION_DESCRIPTION);

export const AdminFlag = z.object({
  key: z.string(),
  definition: AdminFlagDefinitionJson,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The admin who last wrote it; null once that account is gone (or for seeded flags). */
  updatedById: z.string().nullable(),
});
export type AdminFlag = z.infer<typeof AdminFlag>;

/** GET /v1/admin/flags: by key. */
export const AdminFlagListQuery = listQuery({
  sorts: ['key:asc', 'key:desc'],
  defaultSort: 'key:asc',
  defaultLimit: 100,
});
export type AdminFlagListQuery = z.infer<typeof AdminFlagListQuery>;
export const AdminFlagList = listPage('flags', AdminFlag);
export type AdminFlagList = z.infer<typeof AdminFlagList>;

export const AdminFlagEvaluationQuery = z.strictObject({
  /** Whose evaluation: their global role and email are read from the database. */
  userId: z.uuid().optional(),
  /** Defaults to the user's active organization. */
  organizationId: z.uuid().optional(),
});
export type AdminFlagEvaluationQuery = z.infer<typeof AdminFlagEvaluationQuery>;

export const FlagEnvironment = z.enum(['development', 'test', 'production']);

export const FlagEvaluationReason = z.enum(['kill_switch', 'rule', 'rollout', 'default', 'missing_context']);

export const AdminFlagEvaluation = z.object({
  key: z.string(),
  environment: FlagEnvironment,
  context: z.object({
    userId: z.string().nullable(),
    organizationId: z.string().nullable(),
    role: z.string().nullable(),
    email: z.string().nullable(),
  }),
  variant: z.string(),
  value: z.unknown(),
  /** Why: kill switch, a rule (`ruleId`), a rollout (`bucket` 0–9999), the environment default. */
  reason: FlagEvaluationReason,
  ruleId: z.string().optional(),
  bucket: z.number().int().optional(),
});
export type AdminFlagEvaluation = z.infer<typeof AdminFlagEvaluation>;

/** `GET /me/flags`: every flag evaluated for the caller (no reasons: those are for admins). */
export const MeFlags = z.object({
  flags: z.record(z.string(), z.object({ variant: z.string(), value: z.unknown() })),
});
export type MeFlags = z.infer<typeof MeFlags>;

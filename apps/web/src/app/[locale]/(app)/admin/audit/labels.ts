import { AUDIT_ACTIONS } from '@repo/contracts';

/**
 * How the audit viewer names actions and targets for people. The catalog keys cannot contain
 * dots, so `org.created` is `AdminAudit.actions.org_created`; an action or target type the
 * catalog does not know (a row older or newer than this build) is shown as its raw code.
 */
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export const TARGET_TYPES = [
  'user',
  'organization',
  'api_key',
  'audit_log',
  'feature_flag',
  'identity',
  'invitation',
  'job',
  'route',
  'session',
  'webhook_endpoint',
] as const;
const KNOWN_TARGETS: ReadonlySet<string> = new Set(TARGET_TYPES);

/** The message key of an action's label, or null to show the code. */
export function actionLabelKey(action: string): string | null {
  return KNOWN_ACTIONS.has(action) ? `actions.${action.replaceAll('.', '_')}` : null;
}

export function isTargetType(value: string): boolean {
  return KNOWN_TARGETS.has(value);
}

export function targetTypeLabelKey(targetType: string): string | null {
  return KNOWN_TARGETS.has(targetType) ? `targetTypes.${targetType}` : null;
}

/** Where a target can be looked at in the admin area, if anywhere. */
export function targetHref(targetType: string | null, targetId: string | null): string | null {
  if (!targetType || !targetId) return null;
  if (targetType === 'user') return `/admin/users/${encodeURIComponent(targetId)}`;
  if (targetType === 'organization') return `/admin/organizations/${encodeURIComponent(targetId)}`;
  if (targetType === 'feature_flag') return `/admin/flags/edit?key=${encodeURIComponent(targetId)}`;
  return null;
}

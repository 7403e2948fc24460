/** Flag keys the web app reads (docs/flags.md); defined and targeted by admins through /v1/admin/flags. */
export const FLAGS = {
  /** Boolean: the "Recent activity" card on the dashboard. */
  activityCard: 'dashboard.activity-card',
  /** Boolean: the "Beta" section of the profile settings (compact tables toggle). */
  compactTables: 'settings.compact-tables',
} as const;

export type EvaluatedFlags = Record<string, { variant: string; value: unknown }>;

/** A boolean flag is on when its value is `true`; a flag the API did not return is off. */
export const isOn = (flags: EvaluatedFlags, key: string) => flags[key]?.value === true;

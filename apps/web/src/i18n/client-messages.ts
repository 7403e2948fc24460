/**
 * Which message namespaces the browser receives, per area. Server components translate on the
 * server and need nothing in the page; only client components read messages in the browser, and
 * every namespace handed to NextIntlClientProvider is serialized into each page's HTML. The whole
 * catalog is 57 KB in English and 78 KB in Arabic, parsed on every load (ADR 0030), so the public
 * pages pass only what their client components use. The signed-in area has too many client
 * components to list, so it passes the whole catalog except the namespaces below; the admin
 * console's layout passes everything.
 *
 * `client-messages.test.ts` walks the imports of each area and fails when a client component
 * uses a namespace missing here.
 */
export const CLIENT_NAMESPACES = {
  /** Every page's header (language and theme menus) and the marketing pages' own forms. */
  public: ['Language', 'Nav', 'Theme', 'Waitlist'],
  /** Sign-in, sign-up, the emailed-link pages and the invitation landing. */
  auth: ['Language', 'Theme', 'Auth', 'Errors', 'Fields', 'InvitationLanding', 'Orgs', 'TwoFactor'],
} as const;

/** Left out of the signed-in area's catalog: the admin console's own, and the public pages'. */
export const APP_OMITTED_NAMESPACES = [
  'AdminAudit',
  'AdminFlags',
  'AdminJobs',
  'AdminOrgs',
  'AdminOverview',
  'AdminUsers',
  'Home',
  'Metadata',
  'Status',
  'Waitlist',
] as const;

type Messages = Record<string, unknown>;

/** The given top-level namespaces of a catalog. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  return Object.fromEntries(namespaces.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}

/** A catalog without the given top-level namespaces. */
export function omitMessages(messages: Messages, namespaces: readonly string[]): Messages {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => !namespaces.includes(ns)));
}

import { UAParser } from 'ua-parser-js';

/**
 * Human label for a user agent, e.g. "Chrome on macOS", "Safari on iOS", "Firefox"; null when
 * nothing recognisable is in it. Shared by the session list and the security activity page so
 * the same device reads the same everywhere.
 */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const { browser, os, device } = new UAParser(userAgent.slice(0, 512)).getResult();
  const app = browser.name ?? null;
  const system = os.name ?? device.model ?? null;
  if (app && system) return `${app} on ${system}`;
  return app ?? system;
}

import { SSO_ERROR_CODES } from '@repo/contracts';

/** `?error=` codes the API's SSO callback sends back (contract), each with its own sentence. */
export { SSO_ERROR_CODES };

const KNOWN: ReadonlySet<string> = new Set(SSO_ERROR_CODES);

/** The catalog key for a code from the URL (anything unknown or odd → the generic sentence). */
export function ssoErrorKey(code: string | string[] | undefined): string | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return null;
  return KNOWN.has(value) ? value : 'generic';
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What a sign-in (or link) flow remembers between /start and /callback: the PKCE verifier, state
 * and nonce it sent, where to go afterwards, and, for a link, whose account it is. It travels in
 * one short-lived httpOnly cookie, sealed with AES-256-GCM under a key derived from
 * AUTH_JWT_SECRET (HKDF, its own label): the browser can neither read the verifier nor forge a
 * state, and no server-side storage is needed. The expiry is inside the sealed payload, so an old
 * cookie replayed after its Max-Age is refused too.
 */
export interface FlowState {
  v: 1;
  provider: string;
  mode: 'sign_in' | 'link';
  state: string;
  /** Absent for plain OAuth 2 providers (GitHub), which issue no ID token. */
  nonce?: string;
  codeVerifier: string;
  /** Same-origin path (with locale) to land on afterwards. */
  next: string;
  locale: string;
  /** Link flows: the signed-in user who started it. */
  userId?: string;
  /** Unix seconds. */
  exp: number;
}

export const FLOW_TTL_SECONDS = 600;

export function flowCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}gw_sso`;
}

export interface FlowSealer {
  seal(state: FlowState): string;
  /** Null when absent, tampered with, sealed under another key, or expired. */
  open(value: string | undefined, nowMs: number): FlowState | null;
}

export function createFlowSealer(secret: string): FlowSealer {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'groundwork sso flow cookie v1', 32));
  return {
    seal(state) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(value, nowMs) {
      if (!value || !/^[A-Za-z0-9_-]{40,3000}$/.test(value)) return null;
      try {
        const raw = Buffer.from(value, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const state = JSON.parse(text) as FlowState;
        if (state.v !== 1 || typeof state.exp !== 'number' || state.exp * 1000 < nowMs) return null;
        return state;
      } catch {
        return null;
      }
    },
  };
}

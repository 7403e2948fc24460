import { useSyncExternalStore } from 'react';
import { SIGNED_IN_HINT_COOKIE } from './auth/paths';

const subscribe = () => () => {};
const read = () => document.cookie.split('; ').includes(`${SIGNED_IN_HINT_COOKIE}=1`);

/**
 * Whether this browser holds a session, from the hint cookie the proxy keeps (lib/auth/paths.ts).
 * False on the server and during hydration, so static pages render the signed-out version first.
 */
export function useSignedInHint(): boolean {
  return useSyncExternalStore(subscribe, read, () => false);
}

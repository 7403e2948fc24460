import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during the server render and hydration, true once React runs in the browser. Submit
 * buttons wait for it: a form submitted natively before hydration would send its fields
 * (passwords included) to the page URL instead of the API.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

import 'server-only';
import { MeFlags } from '@repo/contracts';
import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { serverGet } from '@/lib/api/server';
import { type EvaluatedFlags, isOn } from './keys';

/**
 * The caller's evaluated flags (GET /v1/me/flags), one API call per render. Fails closed: when
 * the API cannot answer, every flag is off and the page renders without the gated parts.
 */
export const getFlags = cache(async (): Promise<EvaluatedFlags> => {
  try {
    return (await serverGet('/me/flags', MeFlags)).flags;
  } catch (error) {
    unstable_rethrow(error);
    return {};
  }
});

export async function isFlagOn(key: string): Promise<boolean> {
  return isOn(await getFlags(), key);
}

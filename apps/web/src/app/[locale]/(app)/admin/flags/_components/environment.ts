import 'server-only';
import { AdminFlagEvaluation } from '@repo/contracts';
import { unstable_rethrow } from 'next/navigation';
import { serverGet } from '@/lib/api/server';
import type { FlagEnvironment } from '@/lib/flags/definition-form';

/**
 * The environment the API evaluates flags in (its NODE_ENV), which picks each flag's default.
 * The API says it with every evaluation, so one context-free evaluation of any flag tells;
 * null when there is no flag yet or the API cannot answer (the screens then mark none).
 */
export async function flagEnvironment(anyKey: string | undefined): Promise<FlagEnvironment | null> {
  if (!anyKey) return null;
  try {
    return (await serverGet(`/admin/flags/${encodeURIComponent(anyKey)}/evaluation`, AdminFlagEvaluation))
      .environment;
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

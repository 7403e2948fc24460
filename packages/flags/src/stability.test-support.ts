// Run in a separate `node --import tsx` process by stability.test.ts: prints, as JSON, the bucket
// and variant of every stability id for every stability flag.
import { evaluate } from './evaluate';
import { parse, STABILITY_FLAGS, stabilityIds } from './flags.test-support';
import { bucketOf } from './hash';

export function stabilityEvaluations(): Record<string, [number, string][]> {
  const out: Record<string, [number, string][]> = {};
  for (const input of STABILITY_FLAGS) {
    const flag = parse(input);
    out[flag.key] = stabilityIds().map((id) => [
      bucketOf(flag.key, id),
      evaluate(flag, { userId: id, organizationId: id }, 'production').variant,
    ]);
  }
  return out;
}

if (process.argv[1]?.endsWith('stability.test-support.ts')) {
  process.stdout.write(JSON.stringify(stabilityEvaluations()));
}

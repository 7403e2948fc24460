import type { AdminQueueThroughput } from '@repo/contracts';

/** What `queue.getMetrics(type)` returns (BullMQ per-minute metrics). */
export interface MetricsReading {
  /** count: all jobs ever counted; prevTS/prevCount: time and count of the last flush. */
  meta: { count: number; prevTS: number; prevCount: number };
  /** Per-minute counts, newest first (LPUSH), as far as fetched. */
  data: number[];
}

export const THROUGHPUT_MINUTES = 60;
/** Data points to fetch: enough to cover the window (see `perMinute`). */
export const THROUGHPUT_POINTS = THROUGHPUT_MINUTES;

const MINUTE = 60_000;

/**
 * Jobs finished in each of the last `minutes` minutes, oldest first, ending with the current one.
 *
 * How BullMQ records them (collectMetrics.lua): each finished job increments `count`. The first
 * job of a new minute flushes: it pushes the jobs counted since the last flush (`count -
 * prevCount`, all from the flush minute m = floor(prevTS / 1 min)), then one zero per idle minute
 * since, and sets prevTS to now. So, reading at any time: minute m's jobs are still pending
 * (`count - prevCount`), `data[i]` is minute m - 1 - i, and minutes after m saw no job (any job
 * there would have flushed).
 */
export function perMinute(reading: MetricsReading, nowMs: number, minutes = THROUGHPUT_MINUTES): number[] {
  const current = Math.floor(nowMs / MINUTE);
  const out = new Array<number>(minutes).fill(0);
  if (reading.meta.prevTS <= 0) return out;
  // A worker clock slightly ahead of ours must not push its pending minute out of the window.
  const flushed = Math.min(Math.floor(reading.meta.prevTS / MINUTE), current);
  for (let slot = 0; slot < minutes; slot++) {
    const minute = current - (minutes - 1 - slot);
    if (minute > flushed) continue;
    out[slot] =
      minute === flushed
        ? Math.max(0, reading.meta.count - reading.meta.prevCount)
        : (reading.data[flushed - 1 - minute] ?? 0);
  }
  return out;
}

/** Null when neither outcome was ever recorded: no worker with metrics has finished a job. */
export function throughput(
  completed: MetricsReading,
  failed: MetricsReading,
  nowMs: number,
  minutes = THROUGHPUT_MINUTES,
): AdminQueueThroughput | null {
  if (completed.meta.prevTS <= 0 && failed.meta.prevTS <= 0) return null;
  const series = (reading: MetricsReading) => {
    const points = perMinute(reading, nowMs, minutes);
    return { total: points.reduce((a, b) => a + b, 0), perMinute: points };
  };
  const since = (Math.floor(nowMs / MINUTE) - (minutes - 1)) * MINUTE;
  return {
    since: new Date(since).toISOString(),
    minutes,
    completed: series(completed),
    failed: series(failed),
  };
}

'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UploadStatus, UploadTask, UploadTransport } from './upload-task';

/** What a component shows of one upload (a snapshot: the task itself is mutable). */
export interface UploadView<R> {
  id: string;
  name: string;
  size: number;
  type: string;
  status: UploadStatus;
  uploaded: number;
  error: unknown;
  fileId: string | null;
  resumed: boolean;
  result: R | null;
}

function view<R>(task: UploadTask<R>): UploadView<R> {
  return {
    id: task.id,
    name: task.info.name,
    size: task.info.size,
    type: task.info.type,
    status: task.status,
    uploaded: task.uploaded,
    error: task.error,
    fileId: task.fileId,
    resumed: task.resumed,
    result: task.result,
  };
}

/**
 * A queue of uploads for one page: at most `concurrency` run at once, the rest wait. The engine
 * (upload-task.ts, transfer.ts) is loaded on the first file, so pages only pay for it when someone
 * uploads. `onSettled` hears each upload that finishes, fails or is canceled, once.
 */
export function useUploads<R>({
  transport,
  concurrency = 3,
  onSettled,
}: {
  /** Built once per page; it may read `takenFileIds()` to avoid resuming one upload twice. */
  transport: (takenFileIds: () => ReadonlySet<string>) => UploadTransport<R>;
  concurrency?: number;
  onSettled?: (upload: UploadView<R>) => void;
}) {
  const tasks = useRef<UploadTask<R>[]>([]);
  const settled = useRef(new Set<string>());
  const [views, setViews] = useState<UploadView<R>[]>([]);
  const frame = useRef<number | null>(null);
  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;

  const takenFileIds = useCallback(
    () => new Set(tasks.current.flatMap((t) => (t.fileId && t.status !== 'canceled' ? [t.fileId] : []))),
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the transport is made once per page
  const api = useMemo(() => transport(takenFileIds), [takenFileIds]);

  const schedule = useCallback(() => {
    const running = tasks.current.filter((t) => t.active).length;
    let free = concurrency - running;
    for (const task of tasks.current) {
      if (free <= 0) break;
      if (task.status === 'queued') {
        free -= 1;
        void task.run();
      }
    }
  }, [concurrency]);

  // Progress events come many times a second: render at most once per frame.
  const changed = useCallback(
    (task: UploadTask<R>) => {
      if (['done', 'failed', 'canceled'].includes(task.status) && !settled.current.has(task.id)) {
        settled.current.add(task.id);
        onSettledRef.current?.(view(task));
        queueMicrotask(schedule);
      }
      if (task.status === 'paused') queueMicrotask(schedule);
      if (frame.current !== null) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        setViews(tasks.current.map(view));
      });
    },
    [schedule],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      // Leaving the page stops the transfers; a multipart upload resumes when the file is picked again.
      for (const task of tasks.current) if (task.active) task.pause();
    },
    [],
  );

  const add = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      const [{ UploadTask: Task }, { xhrTransfer }] = await Promise.all([
        import('./upload-task'),
        import('./transfer'),
      ]);
      for (const file of files) tasks.current.push(new Task<R>(file, api, xhrTransfer, changed));
      setViews(tasks.current.map(view));
      schedule();
    },
    [api, changed, schedule],
  );

  const find = (id: string) => tasks.current.find((t) => t.id === id);

  return {
    uploads: views,
    add,
    pause: (id: string) => find(id)?.pause(),
    resume: (id: string) => {
      const task = find(id);
      if (!task || (task.status !== 'paused' && task.status !== 'failed')) return;
      // Back in the queue: it runs when a slot is free (and is heard of again when it settles).
      settled.current.delete(task.id);
      task.status = 'queued';
      changed(task);
      schedule();
    },
    cancel: (id: string) => void find(id)?.cancel(),
    /** Drops finished, failed and canceled uploads from the list. */
    clearFinished: () => {
      tasks.current = tasks.current.filter((t) => !['done', 'failed', 'canceled'].includes(t.status));
      setViews(tasks.current.map(view));
    },
  };
}

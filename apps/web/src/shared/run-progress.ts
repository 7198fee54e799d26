import type { CollectionRun, RunProgress } from '@openami/contract';
import { useEffect, useRef, useState } from 'react';

/** Where a run stands as its server-sent events tell it. */
export type RunWatch =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'progress'; readonly progress: RunProgress }
  | { readonly kind: 'finished'; readonly run: CollectionRun }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'lost' };

/** Per cent of a run's meters done, whole. */
export function percentDone(progress: RunProgress): number {
  return progress.total === 0 ? 100 : Math.floor((progress.done * 100) / progress.total);
}

/**
 * Follows a run over `GET /api/collection/runs/:id/events` (the session cookie goes with it): `progress`
 * as each meter finishes, then `finished` with the run or `failed`. A dropped stream is `lost`, not retried,
 * so a finished run is never followed twice; the page reloads the run from the API instead.
 */
export function useRunProgress(runId: number | undefined, onEnd?: () => void): RunWatch {
  const [watch, setWatch] = useState<RunWatch>({ kind: 'waiting' });
  // The latest callback, read when the run ends: a new callback must not restart the stream.
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    setWatch({ kind: 'waiting' });
    if (runId === undefined) return;
    const source = new EventSource(`/api/collection/runs/${runId}/events`);
    let ended = false;
    const end = (next: RunWatch) => {
      ended = true;
      source.close();
      setWatch(next);
      onEndRef.current?.();
    };
    source.addEventListener('progress', (event) => {
      setWatch({
        kind: 'progress',
        progress: JSON.parse((event as MessageEvent<string>).data) as RunProgress,
      });
    });
    source.addEventListener('finished', (event) => {
      end({ kind: 'finished', run: JSON.parse((event as MessageEvent<string>).data) as CollectionRun });
    });
    source.addEventListener('failed', (event) => {
      const data: unknown = JSON.parse((event as MessageEvent<string>).data);
      const reason = typeof data === 'object' && data !== null ? (data as { reason?: unknown }).reason : '';
      end({ kind: 'failed', reason: String(reason ?? '') });
    });
    source.onerror = () => {
      if (!ended) end({ kind: 'lost' });
    };
    return () => {
      ended = true;
      source.close();
    };
  }, [runId]);
  return watch;
}

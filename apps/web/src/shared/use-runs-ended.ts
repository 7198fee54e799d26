import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/**
 * Follows `GET /api/collection/runs/events` and, as each collection run ends, refreshes the queries whose
 * keys start with one of `queryKeys`: counts, lists and latest values move the moment a run finishes
 * instead of at the next poll. The polling stays underneath, for a collector in another process (whose
 * runs this server does not announce) and for a dropped stream; EventSource reconnects by itself.
 */
export function useRunsEnded(queryKeys: readonly (readonly unknown[])[], enabled = true): void {
  const queryClient = useQueryClient();
  // The latest keys, read as each event arrives: new keys must not reopen the stream.
  const keysRef = useRef(queryKeys);
  keysRef.current = queryKeys;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/collection/runs/events');
    source.addEventListener('ended', () => {
      for (const key of keysRef.current) void queryClient.invalidateQueries({ queryKey: [...key] });
    });
    return () => source.close();
  }, [enabled, queryClient]);
}

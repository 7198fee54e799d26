import type { MonitoringView } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';
import { liveQuery } from '../../shared/live.ts';

/** The monitoring view over all the user's areas: one query that every dashboard figure of meters shares. */
export function useMonitoringPoints(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['/api/monitoring/meters', 'dashboard'],
    queryFn: () => api.get<MonitoringView>('/api/monitoring/meters'),
    enabled,
    // A meter that stops answering turns red by its fault, which the alarm feed need not announce.
    ...liveQuery,
  });
}

/**
 * Meters in fault: the server's one definition, the monitoring view's red (marked faulty in the archive, or an
 * open alarm of a fault kind on the meter or its port; apps/server/src/services/monitoring-colour.ts).
 */
export function faultyMeters(view: Pick<MonitoringView, 'counts'> | undefined): number {
  return view?.counts.red ?? 0;
}

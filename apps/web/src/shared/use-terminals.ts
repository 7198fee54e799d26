import { maxPageSize, type Page, type Terminal, type TerminalWithPorts } from '@openami/contract';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

/** The terminals the user may see, for pickers; a site has tens of them, one page holds them all. */
export function useTerminals(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['/api/terminals', 'all'],
    queryFn: async () =>
      (await api.get<Page<Terminal>>('/api/terminals', { limit: maxPageSize, sort: 'name' })).items,
    enabled,
  });
}

/** One terminal with its ports (the list does not carry them). */
export function useTerminal(id: number | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['/api/terminals', id],
    queryFn: () => api.get<TerminalWithPorts>(`/api/terminals/${id}`),
    enabled: id !== undefined,
  });
}

/**
 * Which terminal owns a port. A meter names only its port, so the terminals are opened until one holds it;
 * each is fetched once and cached, and nothing is fetched for a meter that is not wired.
 */
export function useTerminalOfPort(portId: number | null | undefined): {
  readonly terminalId: number | undefined;
  readonly loading: boolean;
} {
  const api = useApi();
  const terminals = useTerminals(portId !== null && portId !== undefined);
  const details = useQueries({
    queries: (portId === null || portId === undefined ? [] : (terminals.data ?? [])).map((t) => ({
      queryKey: ['/api/terminals', t.id],
      queryFn: () => api.get<TerminalWithPorts>(`/api/terminals/${t.id}`),
    })),
  });
  return {
    terminalId: details.find((d) => d.data?.ports.some((p) => p.id === portId))?.data?.id,
    loading: terminals.isLoading || details.some((d) => d.isLoading),
  };
}

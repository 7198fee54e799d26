import type { LedgerEntry, VendingSummary } from '@openami/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../../api/api-context.tsx';

const summaryKey = (id: number) => ['/api/vending/accounts', id, 'summary'];
const entriesKey = (id: number) => ['/api/vending/accounts', id, 'entries'];

/** The account's standing and its latest ledger entries, refreshed after anything the counter does. */
export function useAccount(accountId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  const summary = useQuery({
    queryKey: summaryKey(accountId),
    queryFn: () => api.get<VendingSummary>(`/api/vending/accounts/${accountId}`),
  });
  const entries = useQuery({
    queryKey: entriesKey(accountId),
    queryFn: () =>
      api.get<{ items: LedgerEntry[]; total: number }>(`/api/vending/accounts/${accountId}/entries`, {
        limit: 10,
      }),
  });
  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: summaryKey(accountId) }),
        queryClient.invalidateQueries({ queryKey: entriesKey(accountId) }),
      ]),
    [queryClient, accountId],
  );
  return { summary, entries, refresh };
}

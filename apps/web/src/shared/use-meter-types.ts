import { type MeterType, maxPageSize, type Page } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

/** The meter types for pickers and names; an office has tens of them, one page holds them all. */
export function useMeterTypes(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['/api/meter-types', 'all'],
    queryFn: async () =>
      (await api.get<Page<MeterType>>('/api/meter-types', { limit: maxPageSize, sort: 'code' })).items,
    enabled,
  });
}

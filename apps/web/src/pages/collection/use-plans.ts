import type { ReadingPlan } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';

export const plansKey = ['/api/collection/plans'] as const;

/** The site's reading plans, and a name for a plan id in the user's language. */
export function usePlans(language: string) {
  const api = useApi();
  const query = useQuery({
    queryKey: plansKey,
    queryFn: () => api.get<ReadingPlan[]>('/api/collection/plans'),
  });
  const nameOf = (id: string): string => {
    const plan = query.data?.find((p) => p.id === id);
    if (plan === undefined) return id;
    return language === 'en' ? plan.name.en : plan.name.zh;
  };
  return { query, nameOf };
}

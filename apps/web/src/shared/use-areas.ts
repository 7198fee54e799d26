import { type Area, maxPageSize, type Page } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ApiClient } from '../api/client.ts';
import { areaForest, areaTrail } from './area-tree.ts';

/** Every area the user may see, a page at a time; areas are counted in hundreds, not millions. */
async function allAreas(api: ApiClient): Promise<Area[]> {
  const areas: Area[] = [];
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await api.get<Page<Area>>('/api/areas', { offset, limit: maxPageSize, sort: 'path' });
    areas.push(...page.items);
    if (page.items.length < maxPageSize || areas.length >= page.total) return areas;
  }
}

export const areasKey = ['/api/areas', 'all'] as const;

/** The visible areas with their tree and a name for each, shared by every page that shows or picks one. */
export function useAreas(enabled = true) {
  const api = useApi();
  const query = useQuery({ queryKey: areasKey, queryFn: () => allAreas(api), enabled });
  const derived = useMemo(() => {
    const areas = query.data ?? [];
    const byId = new Map(areas.map((a) => [a.id, a]));
    return {
      areas,
      byId,
      forest: areaForest(areas),
      nameOf: (id: number | null | undefined): string => {
        const area = id === null || id === undefined ? undefined : byId.get(id);
        return area === undefined ? (id === null || id === undefined ? '' : `#${id}`) : areaTrail(area, byId);
      },
    };
  }, [query.data]);
  return { ...derived, query };
}

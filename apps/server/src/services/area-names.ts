import type { Repositories } from '@openami/storage';

/** Between the names of an area's path: `和园小区 / 3号楼 / 1单元`. */
export const areaPathSeparator = ' / ';

/**
 * Areas named by their path from the top (`和园小区 / 3号楼 / 1单元`), so that areas with the same name in
 * different buildings ("1单元" in each) are told apart. Keyed by the materialised path (`/1/5/12/`); the
 * ancestors are read once for all paths.
 */
export async function areaPathNames(
  repos: Pick<Repositories, 'areas'>,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);
  const ids = [...new Set(paths.flatMap(idsOf))];
  const names = new Map((await repos.areas.getMany(ids)).map((a) => [a.id, a.name]));
  return new Map(
    paths.map((path) => [
      path,
      idsOf(path)
        .map((id) => names.get(id) ?? String(id))
        .join(areaPathSeparator),
    ]),
  );
}

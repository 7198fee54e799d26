import type { Tariff } from './tariff.ts';

/**
 * A tariff is changed by adding a version that takes effect at an instant (usually a future midnight); the
 * old version keeps pricing everything before it. History never changes meaning (DESIGN.md, Data).
 */
export interface TariffVersion {
  readonly id: number;
  readonly effectiveFrom: number;
  readonly tariff: Tariff;
}

/** The version in force at `at` (epoch ms): the latest to take effect at or before it. */
export function tariffInForce<V extends Pick<TariffVersion, 'id' | 'effectiveFrom'>>(
  versions: readonly V[],
  at: number,
): V | undefined {
  let found: V | undefined;
  for (const version of versions) {
    if (version.effectiveFrom > at) continue;
    if (
      found === undefined ||
      version.effectiveFrom > found.effectiveFrom ||
      (version.effectiveFrom === found.effectiveFrom && version.id > found.id)
    ) {
      found = version;
    }
  }
  return found;
}

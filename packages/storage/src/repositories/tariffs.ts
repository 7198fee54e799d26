import type { Selectable } from 'kysely';
import { canonicalJson } from '../audit-chain.ts';
import type { TariffVersionsTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type TariffVersionRow = Selectable<TariffVersionsTable>;
export interface NewTariffVersion {
  readonly priceTypeId: number;
  readonly effectiveFrom: number;
  readonly kind: string;
  /** The domain `Tariff`, already validated; stored as canonical JSON. */
  readonly definition: unknown;
}

/**
 * Effective-dated tariff versions of a price type. Versions are only ever added: a correction is a new
 * version, so a sale that recorded `tariffVersionId` keeps the tariff that priced it.
 */
export class TariffRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async add(version: NewTariffVersion, actorId: number | null, now: number): Promise<TariffVersionRow> {
    const latest = await this.#x.db
      .selectFrom('tariffVersions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('priceTypeId', '=', version.priceTypeId)
      .executeTakeFirst();
    return this.#x.db
      .insertInto('tariffVersions')
      .values({
        priceTypeId: version.priceTypeId,
        version: Number(latest?.version ?? 0) + 1,
        effectiveFrom: version.effectiveFrom,
        kind: version.kind,
        definition: canonicalJson(version.definition),
        createdAt: now,
        createdBy: actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  get(id: number): Promise<TariffVersionRow | undefined> {
    return this.#x.db.selectFrom('tariffVersions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every version of a price type, oldest first. */
  versions(priceTypeId: number): Promise<TariffVersionRow[]> {
    return this.#x.db
      .selectFrom('tariffVersions')
      .selectAll()
      .where('priceTypeId', '=', priceTypeId)
      .orderBy('version')
      .execute();
  }
}

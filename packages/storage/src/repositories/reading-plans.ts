import type { Insertable, Selectable } from 'kysely';
import type { ReadingPlansTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type ReadingPlanRow = Selectable<ReadingPlansTable>;
export type NewReadingPlan = Omit<Insertable<ReadingPlansTable>, 'createdAt' | 'updatedAt'>;
export type ReadingPlanPatch = Partial<Omit<NewReadingPlan, 'id' | 'kind'>>;

/** The site's reading plans; the head-end interprets their JSON columns. */
export class ReadingPlanRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  list(): Promise<ReadingPlanRow[]> {
    return this.#x.db.selectFrom('readingPlans').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  get(id: string): Promise<ReadingPlanRow | undefined> {
    return this.#x.db.selectFrom('readingPlans').selectAll().where('id', '=', id).executeTakeFirst();
  }

  create(plan: NewReadingPlan, now: number): Promise<ReadingPlanRow> {
    return this.#x.db
      .insertInto('readingPlans')
      .values({ ...plan, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Inserts the plans whose ids are not there yet; returns how many it inserted. */
  async seed(plans: readonly NewReadingPlan[], now: number): Promise<number> {
    if (plans.length === 0) return 0;
    const inserted = await this.#x.db
      .insertInto('readingPlans')
      .values(plans.map((p) => ({ ...p, createdAt: now, updatedAt: now })))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  }

  update(id: string, patch: ReadingPlanPatch, now: number): Promise<ReadingPlanRow | undefined> {
    return this.#x.db
      .updateTable('readingPlans')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }
}

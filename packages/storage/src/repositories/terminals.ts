import type { AreaScope } from '@openami/domain';
import type { Selectable } from 'kysely';
import type { TerminalPortsTable, TerminalsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, startsWith } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type TerminalRow = Selectable<TerminalsTable>;
export type TerminalPortRow = Selectable<TerminalPortsTable>;
export interface TerminalFields {
  readonly areaId: number;
  readonly name: string;
  readonly model: string;
  readonly mode: string;
  readonly address: string;
}
export type PortFields = Omit<TerminalPortRow, 'id' | 'terminalId'>;
export interface TerminalWithPorts extends TerminalRow {
  readonly ports: readonly TerminalPortRow[];
}
/** A terminal's address and the numbers of its ports. */
export interface TerminalAddress {
  readonly id: number;
  readonly name: string;
  readonly mode: string;
  readonly address: string;
  readonly portNos: readonly number[];
}
export type TerminalSort = 'id' | 'name' | 'model' | 'address';

export class TerminalRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(
    fields: TerminalFields,
    ports: readonly PortFields[],
    now: number,
  ): Promise<TerminalWithPorts> {
    const row = await this.#x.db
      .insertInto('terminals')
      .values({ ...fields, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.setPorts(row.id, ports);
    return { ...row, ports: await this.ports(row.id) };
  }

  async get(id: number): Promise<TerminalWithPorts | undefined> {
    const row = await this.#x.db.selectFrom('terminals').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : { ...row, ports: await this.ports(id) };
  }

  ports(terminalId: number): Promise<TerminalPortRow[]> {
    return this.#x.db
      .selectFrom('terminalPorts')
      .selectAll()
      .where('terminalId', '=', terminalId)
      .orderBy('portNo')
      .execute();
  }

  getPort(portId: number): Promise<(TerminalPortRow & { areaId: number }) | undefined> {
    return this.#x.db
      .selectFrom('terminalPorts')
      .innerJoin('terminals', 'terminals.id', 'terminalPorts.terminalId')
      .selectAll('terminalPorts')
      .select('terminals.areaId')
      .where('terminalPorts.id', '=', portId)
      .executeTakeFirst();
  }

  /**
   * Makes the terminal's ports exactly `ports`, matched by port number: existing ports keep their id
   * (meters refer to them), new numbers are added, missing numbers are removed.
   */
  async setPorts(terminalId: number, ports: readonly PortFields[]): Promise<void> {
    const existing = await this.ports(terminalId);
    const wanted = new Set(ports.map((p) => p.portNo));
    const gone = existing.filter((p) => !wanted.has(p.portNo)).map((p) => p.id);
    if (gone.length > 0) await this.#x.db.deleteFrom('terminalPorts').where('id', 'in', gone).execute();
    for (const port of ports) {
      const match = existing.find((p) => p.portNo === port.portNo);
      if (match === undefined) {
        await this.#x.db
          .insertInto('terminalPorts')
          .values({ ...port, terminalId })
          .execute();
      } else {
        await this.#x.db.updateTable('terminalPorts').set(port).where('id', '=', match.id).execute();
      }
    }
  }

  async update(id: number, patch: Partial<TerminalFields>, now: number): Promise<TerminalRow | undefined> {
    return this.#x.db
      .updateTable('terminals')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.#x.db.deleteFrom('terminals').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Every terminal of the site, whatever the area, with its port numbers: what an address must not clash
   * with (`terminalEndpoints`). The archive holds tens to hundreds of terminals.
   */
  async everyAddress(): Promise<TerminalAddress[]> {
    const [terminals, ports] = await Promise.all([
      this.#x.db.selectFrom('terminals').select(['id', 'name', 'mode', 'address']).orderBy('id').execute(),
      this.#x.db.selectFrom('terminalPorts').select(['terminalId', 'portNo']).orderBy('portNo').execute(),
    ]);
    return terminals.map((t) => ({
      ...t,
      portNos: ports.filter((p) => p.terminalId === t.id).map((p) => p.portNo),
    }));
  }

  async list(
    scope: AreaScope,
    filter: { readonly name?: string },
    page: PageRequest<TerminalSort>,
  ): Promise<Page<TerminalRow>> {
    let query = this.#x.db.selectFrom('terminals');
    const inScope = areaInScope('terminals.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.name !== undefined)
      query = query.where(startsWith(this.#x.engine, 'terminals.name', filter.name));
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
  }
}

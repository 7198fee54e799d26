import type { AreaScope } from '@openami/domain';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import { canonicalJson, chainedTextAroundId, entryHash, genesisHash } from '../audit-chain.ts';
import type { AuditLogTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type AuditRow = Selectable<AuditLogTable>;
export interface AuditEntry {
  readonly at: number;
  readonly actorUserId: number | null;
  readonly actorName: string;
  readonly sourceIp: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly details: unknown;
}
export interface AuditFilter {
  readonly entity?: string;
  readonly entityId?: string;
  readonly actorUserId?: number;
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenEntryId: number; readonly reason: string };

const verifyBatch = 1000;

/** A value only the database knows when the statement runs, written into an audit entry's details. */
export interface AuditBlank {
  /** Text standing for the value in the details as given; unique enough never to occur otherwise. */
  readonly mark: string;
  /** The SQL (as text) that yields the value, from the tables of `from`. */
  readonly value: RawBuilder<unknown>;
}

/**
 * PostgreSQL: two common table expressions (`audit_head_moved`, `audit_appended`) that lock and advance the
 * audit head and append one entry, hashed by SHA-256 over the same text `entryHash` hashes, in the statement
 * that carries them. Values the database makes in the same statement (a ledger entry's id, its invoice
 * number) fill `blanks` in the details; `sources` names the expressions (one row each) they come from.
 */
export function chainAuditSql(
  fields: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>,
  blanks: readonly AuditBlank[],
  sources: readonly string[],
): RawBuilder<unknown> {
  const { before, after } = chainedTextAroundId(fields);
  const chained = sql.join(
    [...filled(before, blanks), sql`(last_id + 1)::text`, sql`${after}::text`],
    sql` || `,
  );
  const details = sql.join(filled(fields.details, blanks), sql` || `);
  return sql`audit_head_moved as (
      update audit_head
      set last_id = last_id + 1,
          prev_hash = last_hash,
          last_hash = encode(sha256(convert_to(last_hash || chr(10) || ${chained}, 'UTF8')), 'hex')
      ${sources.length === 0 ? sql`` : sql`from ${sql.join(sources.map((n) => sql.id(n)))}`}
      where audit_head.id = 1
      returning last_id, prev_hash, last_hash
    ),
    audit_appended as (
      insert into audit_log
        (id, at, actor_user_id, actor_name, source_ip, action, entity, entity_id, details, prev_hash, hash)
      select audit_head_moved.last_id, ${fields.at}::bigint, ${fields.actorUserId}::bigint,
        ${fields.actorName}::text, ${fields.sourceIp}::text, ${fields.action}::text, ${fields.entity}::text,
        ${fields.entityId}::text, ${details}, audit_head_moved.prev_hash, audit_head_moved.last_hash
      from ${sql.join([sql.id('audit_head_moved'), ...sources.map((n) => sql.id(n))])}
      returning *
    )`;
}

/** `text` as SQL text with each blank's mark replaced by its value (in the order they occur). */
function filled(text: string, blanks: readonly AuditBlank[]): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  let rest = text;
  for (;;) {
    let next: { at: number; blank: AuditBlank } | undefined;
    for (const blank of blanks) {
      const at = rest.indexOf(blank.mark);
      if (at >= 0 && (next === undefined || at < next.at)) next = { at, blank };
    }
    if (next === undefined) break;
    parts.push(sql`${rest.slice(0, next.at)}::text`, sql`(${next.blank.value})::text`);
    rest = rest.slice(next.at + next.blank.mark.length);
  }
  parts.push(sql`${rest}::text`);
  return parts;
}

/**
 * The append-only, hash-chained audit log. Appends are serialised through the single `audit_head` row:
 * the first statement updates it, which takes its write lock on both engines, so two writers can never
 * chain onto the same predecessor.
 */
export class AuditLog {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async append(entry: AuditEntry): Promise<AuditRow> {
    if (this.#x.db.isTransaction) return this.#appendLocked(entry);
    return this.#x.db
      .transaction()
      .execute((tx) => new AuditLog({ db: tx, engine: this.#x.engine }).append(entry));
  }

  async #appendLocked(entry: AuditEntry): Promise<AuditRow> {
    const fields = {
      at: entry.at,
      actorUserId: entry.actorUserId,
      actorName: entry.actorName,
      sourceIp: entry.sourceIp,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      details: canonicalJson(entry.details ?? {}),
    };
    return this.#x.engine === 'postgres' ? this.#appendInOneStatement(fields) : this.#appendInSteps(fields);
  }

  /**
   * PostgreSQL: the head row is locked, advanced and hashed (SHA-256 of the same text as `entryHash`) by one
   * UPDATE, and the entry inserted from what it returns, in one statement. Every append in the site waits
   * for this lock, so it is held for this one round trip and the commit, not for several.
   */
  async #appendInOneStatement(fields: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): Promise<AuditRow> {
    const result = await sql<AuditRow>`
      with ${chainAuditSql(fields, [], [])}
      select * from audit_appended`.execute(this.#x.db);
    const row = result.rows[0];
    if (row === undefined) throw new Error('the audit head row is missing');
    return row;
  }

  /** SQLite (one writer at a time): the first statement takes the write lock and reads the head. */
  async #appendInSteps(fields: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): Promise<AuditRow> {
    const db = this.#x.db;
    const head = await db
      .updateTable('auditHead')
      .set((eb) => ({ lastId: eb('lastId', '+', 1) }))
      .where('id', '=', 1)
      .returning(['lastId', 'lastHash'])
      .executeTakeFirstOrThrow();
    const chained = { ...fields, id: head.lastId };
    const row: AuditRow = { ...chained, prevHash: head.lastHash, hash: entryHash(head.lastHash, chained) };
    await db.insertInto('auditLog').values(row).execute();
    await db
      .updateTable('auditHead')
      .set({ prevHash: row.prevHash, lastHash: row.hash })
      .where('id', '=', 1)
      .execute();
    return row;
  }

  /** Walks the whole chain; names the first entry whose link or content does not check out. */
  async verify(): Promise<ChainVerdict> {
    let expectedPrev = genesisHash;
    let expectedId = 1;
    let entries = 0;
    for (;;) {
      const rows = await this.#x.db
        .selectFrom('auditLog')
        .selectAll()
        .where('id', '>=', expectedId)
        .orderBy('id')
        .limit(verifyBatch)
        .execute();
      for (const row of rows) {
        const broken = (reason: string): ChainVerdict => ({
          ok: false,
          entries,
          brokenEntryId: row.id,
          reason,
        });
        if (row.id !== expectedId) return broken(`entry ${expectedId} is missing`);
        if (row.prevHash !== expectedPrev) return broken('does not link to the previous entry');
        if (entryHash(row.prevHash, row) !== row.hash) return broken('content does not match its hash');
        expectedPrev = row.hash;
        expectedId += 1;
        entries += 1;
      }
      if (rows.length < verifyBatch) break;
    }
    const head = await this.#x.db
      .selectFrom('auditHead')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    if (head.lastId !== entries || head.lastHash !== expectedPrev) {
      return {
        ok: false,
        entries,
        brokenEntryId: entries + 1,
        reason: `entries after ${entries} are missing`,
      };
    }
    return { ok: true, entries };
  }

  /**
   * The trail by the filter. With a scope of some areas only: the entries about an object in those areas (an
   * area, terminal, meter, customer, account, alarm or approval) and the entries `self` made; entries about site-wide
   * objects (users, types, plans, rules, cards) and about other areas are left out.
   */
  async list(
    filter: AuditFilter,
    page: PageRequest<'id' | 'at'>,
    scope?: AreaScope,
    self?: number,
  ): Promise<Page<AuditRow>> {
    let query = this.#x.db.selectFrom('auditLog');
    const scoped = scope === undefined ? undefined : auditInScope(scope, self);
    if (scoped !== undefined) query = query.where(scoped);
    if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
    if (filter.entityId !== undefined) query = query.where('entityId', '=', filter.entityId);
    if (filter.actorUserId !== undefined) query = query.where('actorUserId', '=', filter.actorUserId);
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

/** SQL for "this audit entry is about an object in `scope`, or made by `self`"; undefined for every area. */
function auditInScope(scope: AreaScope, self: number | undefined): RawBuilder<boolean> | undefined {
  const under = (column: string) => areaInScope(column, scope);
  const areas = under('areas.id');
  if (areas === undefined) return undefined;
  const about = (entity: string, ids: RawBuilder<unknown>) =>
    sql<boolean>`(audit_log.entity = ${entity} and audit_log.entity_id in (${ids}))`;
  const mine = self === undefined ? sql<boolean>`1 = 0` : sql<boolean>`audit_log.actor_user_id = ${self}`;
  return sql<boolean>`(${mine}
    or ${about('area', sql`select cast(areas.id as text) from areas where ${areas}`)}
    or ${about('terminal', sql`select cast(terminals.id as text) from terminals where ${under('terminals.areaId')}`)}
    or ${about('meter', sql`select cast(meters.id as text) from meters where ${under('meters.areaId')}`)}
    or ${about('customer', sql`select cast(customers.id as text) from customers where ${under('customers.areaId')}`)}
    or ${about('account', sql`select cast(accounts.id as text) from accounts join meters on meters.id = accounts.meter_id where ${under('meters.areaId')}`)}
    or ${about('alarm', sql`select cast(alarms.id as text) from alarms where ${under('alarms.areaId')}`)}
    or ${about('approval', sql`select cast(vending_approvals.id as text) from vending_approvals where ${under('vendingApprovals.areaId')}`)})`;
}

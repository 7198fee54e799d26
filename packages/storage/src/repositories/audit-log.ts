import type { AreaScope } from '@openami/domain';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import { type AuditKey, canonicalJson, chainedTextAroundId, entryHash, genesisHash } from '../audit-chain.ts';
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

/** `keyedFrom`: the first entry hashed with the audit key; null when none is (all plain SHA-256). */
export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly keyedFrom: number | null }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly keyedFrom: number | null;
      readonly brokenEntryId: number;
      readonly reason: string;
    };

/** The chain's last entry as the head row says: what `openami audit head` exports and signs. */
export interface ChainHead {
  readonly lastId: number;
  readonly lastHash: string;
  readonly keyedFrom: number | null;
}

/** An append without the audit key to a chain that is keyed (it would break the chain). */
export class AuditKeyMissingError extends Error {
  readonly keyedFrom: number;
  constructor(keyedFrom: number) {
    super(
      `the audit chain is keyed from entry ${keyedFrom}: set OPENAMI_AUDIT_KEY (or OPENAMI_AUDIT_KEY_FILE) to append to it`,
    );
    this.name = 'AuditKeyMissingError';
    this.keyedFrom = keyedFrom;
  }
}

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
 * audit head and append one entry, hashed over the same text `entryHash` hashes, in the statement that
 * carries them: with `key`, HMAC-SHA-256 built from sha256() and the key's two padded forms (RFC 2104: the
 * key itself is a statement parameter, never stored), and the head's `keyed_from` set if it was not;
 * without, plain SHA-256, and only while the chain is not keyed (otherwise no row: the caller refuses). Values the database makes in the same statement (a ledger entry's id, its invoice
 * number) fill `blanks` in the details; `sources` names the expressions (one row each) they come from.
 */
export function chainAuditSql(
  fields: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>,
  blanks: readonly AuditBlank[],
  sources: readonly string[],
  key: AuditKey | undefined,
): RawBuilder<unknown> {
  const { before, after } = chainedTextAroundId(fields);
  const chained = sql.join(
    [...filled(before, blanks), sql`(last_id + 1)::text`, sql`${after}::text`],
    sql` || `,
  );
  const details = sql.join(filled(fields.details, blanks), sql` || `);
  const text = sql`convert_to(last_hash || chr(10) || ${chained}, 'UTF8')`;
  const hash =
    key === undefined
      ? sql`encode(sha256(${text}), 'hex')`
      : sql`encode(sha256(${key.outerPad}::bytea || sha256(${key.innerPad}::bytea || ${text})), 'hex')`;
  return sql`audit_head_moved as (
      update audit_head
      set last_id = last_id + 1,
          prev_hash = last_hash,
          last_hash = ${hash}
          ${key === undefined ? sql`` : sql`, keyed_from = coalesce(keyed_from, last_id + 1)`}
      ${sources.length === 0 ? sql`` : sql`from ${sql.join(sources.map((n) => sql.id(n)))}`}
      where audit_head.id = 1 ${key === undefined ? sql`and audit_head.keyed_from is null` : sql``}
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
    return this.#x.db.transaction().execute((tx) => new AuditLog({ ...this.#x, db: tx }).append(entry));
  }

  /** The head row: the last entry, its hash, and where the keyed part begins. */
  async head(): Promise<ChainHead> {
    const head = await this.#x.db
      .selectFrom('auditHead')
      .select(['lastId', 'lastHash', 'keyedFrom'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { lastId: head.lastId, lastHash: head.lastHash, keyedFrom: head.keyedFrom };
  }

  /** One entry by its id. */
  entry(id: number): Promise<AuditRow | undefined> {
    return this.#x.db.selectFrom('auditLog').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Without the key, refuses before writing anything when the chain is keyed: an unkeyed entry there would
   * break it. (The PostgreSQL statement refuses too, by matching no head row, should a key-holding process
   * key the chain in between.)
   */
  async refuseUnkeyed(): Promise<void> {
    if (this.#x.auditKey !== undefined) return;
    const { keyedFrom } = await this.head();
    if (keyedFrom !== null) throw new AuditKeyMissingError(keyedFrom);
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
    await this.refuseUnkeyed();
    const result = await sql<AuditRow>`
      with ${chainAuditSql(fields, [], [], this.#x.auditKey)}
      select * from audit_appended`.execute(this.#x.db);
    const row = result.rows[0];
    if (row === undefined) throw new AuditKeyMissingError((await this.head()).keyedFrom ?? 0);
    return row;
  }

  /** SQLite (one writer at a time): the first statement takes the write lock and reads the head. */
  async #appendInSteps(fields: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): Promise<AuditRow> {
    const db = this.#x.db;
    const head = await db
      .updateTable('auditHead')
      .set((eb) => ({ lastId: eb('lastId', '+', 1) }))
      .where('id', '=', 1)
      .returning(['lastId', 'lastHash', 'keyedFrom'])
      .executeTakeFirstOrThrow();
    const key = this.#x.auditKey;
    // Thrown inside the transaction: the head's advance is rolled back with it.
    if (key === undefined && head.keyedFrom !== null) throw new AuditKeyMissingError(head.keyedFrom);
    const chained = { ...fields, id: head.lastId };
    const row: AuditRow = {
      ...chained,
      prevHash: head.lastHash,
      hash: entryHash(head.lastHash, chained, key),
    };
    await db.insertInto('auditLog').values(row).execute();
    await db
      .updateTable('auditHead')
      .set({
        prevHash: row.prevHash,
        lastHash: row.hash,
        keyedFrom: key === undefined ? null : (head.keyedFrom ?? row.id),
      })
      .where('id', '=', 1)
      .execute();
    return row;
  }

  /**
   * Walks the whole chain; names the first entry whose link or content does not check out. Entries from
   * the head's `keyed_from` on are checked by HMAC under the key (and cannot be checked without it); those
   * before it by plain SHA-256, which anyone who can write the database can recompute: the verdict's
   * `keyedFrom` says where that prefix ends, and exported heads (`audit-heads.ts`) pin it.
   */
  async verify(): Promise<ChainVerdict> {
    const { keyedFrom } = await this.head();
    const key = this.#x.auditKey;
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
          keyedFrom,
          brokenEntryId: row.id,
          reason,
        });
        if (row.id !== expectedId) return broken(`entry ${expectedId} is missing`);
        if (row.prevHash !== expectedPrev) return broken('does not link to the previous entry');
        const keyed = keyedFrom !== null && row.id >= keyedFrom;
        if (keyed && key === undefined) {
          return broken(`entries from ${keyedFrom} on are keyed: give the audit key to check them`);
        }
        if (entryHash(row.prevHash, row, keyed ? key : undefined) !== row.hash) {
          return broken('content does not match its hash');
        }
        expectedPrev = row.hash;
        expectedId += 1;
        entries += 1;
      }
      if (rows.length < verifyBatch) break;
    }
    const head = await this.head();
    if (head.lastId !== entries || head.lastHash !== expectedPrev) {
      return {
        ok: false,
        entries,
        keyedFrom,
        brokenEntryId: entries + 1,
        reason: `entries after ${entries} are missing`,
      };
    }
    return { ok: true, entries, keyedFrom };
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

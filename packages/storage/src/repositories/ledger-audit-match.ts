import type { Executor } from './executor.ts';

/** A ledger entry without its audit record, or an audit record whose entry is gone or says otherwise. */
export interface LedgerAuditMismatch {
  readonly ledgerEntryId: number;
  /** The audit record naming the entry; null when there is none. */
  readonly auditId: number | null;
  readonly accountId: number | null;
  readonly problem: 'no audit record' | 'no ledger entry' | 'differs';
  /** What differs, in English (for the log and the command line). */
  readonly detail: string;
}

interface MovementRecord {
  readonly auditId: number;
  readonly action: string;
  readonly entityId: string;
  readonly amountFen: unknown;
}

const batch = 2000;

/**
 * Every vending ledger entry against the audit record of its movement (`vending.<kind>` on the account,
 * with the entry's id in its details as `entryId`): each money movement is audited in the transaction that
 * makes it, so an entry without its record was written around OpenAMI, and a record without its entry
 * means an entry was removed.
 */
export class LedgerAuditMatch {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async mismatches(): Promise<LedgerAuditMismatch[]> {
    const records = await this.#movementRecords();
    const found: LedgerAuditMismatch[] = [];
    let afterId = 0;
    for (;;) {
      const rows = await this.#x.db
        .selectFrom('vendingLedger')
        .select(['id', 'accountId', 'kind', 'amountFen'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batch)
        .execute();
      for (const row of rows) {
        const record = records.get(row.id);
        records.delete(row.id);
        const base = { ledgerEntryId: row.id, accountId: row.accountId };
        if (record === undefined) {
          found.push({ ...base, auditId: null, problem: 'no audit record', detail: 'no audit record' });
          continue;
        }
        const differs: string[] = [];
        if (record.action !== `vending.${row.kind}`)
          differs.push(`action ${record.action}, kind ${row.kind}`);
        if (record.entityId !== String(row.accountId)) differs.push(`account ${record.entityId}`);
        if (record.amountFen !== row.amountFen) differs.push(`amount ${String(record.amountFen)} fen`);
        if (differs.length > 0) {
          found.push({
            ...base,
            auditId: record.auditId,
            problem: 'differs',
            detail: `the audit record says ${differs.join(', ')}; the entry ${row.amountFen} fen on account ${row.accountId}`,
          });
        }
      }
      if (rows.length < batch) break;
      afterId = rows[rows.length - 1]?.id ?? afterId;
    }
    for (const [ledgerEntryId, record] of records) {
      found.push({
        ledgerEntryId,
        auditId: record.auditId,
        accountId: Number(record.entityId),
        problem: 'no ledger entry',
        detail: `audit record ${record.auditId} names ledger entry ${ledgerEntryId}, which is not in the ledger`,
      });
    }
    return found.sort((a, b) => a.ledgerEntryId - b.ledgerEntryId);
  }

  /** The audit records of money movements, by the ledger entry they name. */
  async #movementRecords(): Promise<Map<number, MovementRecord>> {
    const records = new Map<number, MovementRecord>();
    let afterId = 0;
    for (;;) {
      const rows = await this.#x.db
        .selectFrom('auditLog')
        .select(['id', 'action', 'entityId', 'details'])
        .where('entity', '=', 'account')
        .where('action', 'like', 'vending.%')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batch)
        .execute();
      for (const row of rows) {
        const details = parsed(row.details);
        const entryId = details?.entryId;
        if (typeof entryId !== 'number' || records.has(entryId)) continue;
        records.set(entryId, {
          auditId: row.id,
          action: row.action,
          entityId: row.entityId,
          amountFen: details?.amountFen,
        });
      }
      if (rows.length < batch) break;
      afterId = rows[rows.length - 1]?.id ?? afterId;
    }
    return records;
  }
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

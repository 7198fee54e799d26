import type { Kysely } from 'kysely';
import type { AuditKey } from '../audit-chain.ts';
import type { Engine } from '../connect.ts';
import type { Database } from '../database.ts';

/** What every repository is built over: the pool, or a transaction that groups several writes. */
export interface Executor {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** The audit chain's key (OPENAMI_AUDIT_KEY); without it appends are refused once the chain is keyed. */
  readonly auditKey?: AuditKey;
}

/** Engines report a unique or foreign-key violation differently; services need only the kind. */
export type ConstraintKind = 'unique' | 'foreign_key';

export function constraintViolation(error: unknown): ConstraintKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'unique';
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
  // SQLite reports ON DELETE RESTRICT through its trigger machinery.
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && error.message.includes('FOREIGN KEY')) return 'foreign_key';
  return undefined;
}

import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSetting } from '@openami/config';
import { checkAudit, currentSignedHead, headSigningKeys, publicKeyPem } from '@openami/server';
import type { AuditKey } from '@openami/storage';
import type { CommandIo } from '../io.ts';
import { readSettingFile } from '../setting-file.ts';
import { auditKeyOf, openDatabase } from './database-option.ts';

const usage = `usage: openami audit verify [--heads DIR] [--public-key FILE] [--database URL]
       openami audit head --out FILE [--database URL]
       openami audit public-key

verify      recomputes the audit log's chain from the first entry (the keyed part under OPENAMI_AUDIT_KEY),
            checks it still holds every signed head in DIR (default OPENAMI_AUDIT_HEADS_DIR), rebuilds every
            kept balance from the vending ledger, and matches every ledger entry with its audit record;
            exits 0 when all holds, 1 listing what does not.
head        writes the chain's head (last entry, its hash, where keyed entries begin, the time), signed,
            to FILE: keep it away from the database (another host, write-once storage).
public-key  prints the public key heads are signed with (made from OPENAMI_AUDIT_KEY): give it to whoever
            checks heads without the audit key (--public-key).`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify' && sub !== 'head' && sub !== 'public-key') {
    io.err(usage);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let values: { database?: string; heads?: string; 'public-key'?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        database: { type: 'string' },
        heads: { type: 'string' },
        'public-key': { type: 'string' },
        out: { type: 'string' },
      },
    }));
    if (sub === 'head' && values.out === undefined) throw new Error('head needs --out FILE');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const key = auditKeyOf(process.env);
  if (sub !== 'verify' && key === undefined) {
    io.err('openami audit: OPENAMI_AUDIT_KEY (or OPENAMI_AUDIT_KEY_FILE) is not set');
    return 1;
  }
  if (sub === 'public-key' && key !== undefined) {
    io.out(publicKeyPem(headSigningKeys(key).publicKey).trimEnd());
    return 0;
  }
  const store = openDatabase(values.database);
  try {
    if (sub === 'head' && key !== undefined && values.out !== undefined) {
      const signed = await currentSignedHead(store, key, Date.now());
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, `${JSON.stringify(signed, null, 2)}\n`);
      io.out(`audit head written to ${values.out}: entry ${signed.head.lastId}, ${signed.head.lastHash}`);
      return 0;
    }
    return await verify(store, key, values, io);
  } finally {
    await store.close();
  }
}

async function verify(
  store: Parameters<typeof checkAudit>[0],
  key: AuditKey | undefined,
  values: { heads?: string; 'public-key'?: string },
  io: CommandIo,
): Promise<number> {
  const headsDir = values.heads ?? loadSetting(process.env, 'auditHeadsDir', readSettingFile);
  let publicKey: KeyObject | undefined;
  if (values['public-key'] !== undefined) publicKey = createPublicKey(readSettingFile(values['public-key']));
  const checked = await checkAudit(store, {
    ...(key === undefined ? {} : { key }),
    ...(headsDir === undefined ? {} : { headsDir }),
    ...(publicKey === undefined ? {} : { publicKey }),
  });
  const { chain } = checked;
  if (chain.ok) {
    io.out(`audit log intact: ${chain.entries} entries`);
  } else if (key === undefined && chain.keyedFrom !== null && chain.brokenEntryId === chain.keyedFrom) {
    io.err(
      `audit log NOT VERIFIED from entry ${chain.keyedFrom} on: those entries are keyed; set OPENAMI_AUDIT_KEY (or OPENAMI_AUDIT_KEY_FILE) to verify them (${chain.entries} entries before check out)`,
    );
  } else {
    io.err(
      `audit log BROKEN at entry ${chain.brokenEntryId}: ${chain.reason} (${chain.entries} entries before it check out)`,
    );
  }
  const plain = chain.keyedFrom === null ? chain.entries : chain.keyedFrom - 1;
  if (plain > 0) {
    io.out(
      `note: entries 1–${plain} are not keyed (written before the audit key): checked by plain SHA-256 only, which anyone who can write the database can recompute; exported heads pin them`,
    );
  }
  if (checked.heads !== undefined) io.out(`exported heads checked: ${checked.heads.checked}`);
  const others = checked.problems.filter((p) => !p.startsWith('audit log broken'));
  for (const problem of others) io.err(problem);
  if (checked.problems.length === 0) {
    io.out('every kept balance matches its ledger; every ledger entry has its audit record');
    return 0;
  }
  return 1;
}

// For backup.test.ts: another process selling on one account (a ledger entry and its audit record per sale,
// as the vending service writes them) until it is ended. Prints `selling` after the first sale commits.
import { openStore } from '@openami/storage';

const [database, account, meter] = process.argv.slice(2);
const accountId = Number(account);
const meterId = Number(meter);
const store = openStore({ url: database ?? '' });
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

for (let n = 1; !stopping; n += 1) {
  const now = Date.now();
  await store.transaction(async (tx) => {
    await tx.ledger.lockAccount(accountId, now);
    const entry = await tx.ledger.append({
      accountId,
      meterId,
      kind: 'sale',
      amountFen: 100,
      energyWh: 0,
      adjustmentWh: 0,
      purchaseCount: null,
      writeKwh: null,
      refersToId: null,
      tierCycle: null,
      priceTypeVersionId: null,
      tariffVersionId: null,
      requestId: `writer-${process.pid}-${n}`,
      requestFingerprint: `writer-${process.pid}-${n}`,
      invoiceNo: null,
      operatorUserId: null,
      operatorName: 'writer',
      details: {},
      createdAt: now,
    });
    await tx.audit.append({
      at: now,
      actorUserId: null,
      actorName: 'writer',
      sourceIp: 'test',
      action: 'vending.sale',
      entity: 'account',
      entityId: String(accountId),
      details: { entryId: entry.id },
    });
  });
  if (n === 1) process.stdout.write('selling\n');
  // better-sqlite3 answers synchronously: without a pause the loop never lets the signal in.
  await new Promise((resume) => setTimeout(resume, 1));
}
await store.close();
process.stdout.write('stopped\n');

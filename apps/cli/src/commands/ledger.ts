import { parseArgs } from 'node:util';
import { AlarmEngine } from '@openami/alarms';
import { AppError, checkLedger, type LedgerCheck, rebuildLedger } from '@openami/server';
import { consoleActor } from '../console-actor.ts';
import type { CommandIo } from '../io.ts';
import { openDatabase } from './database-option.ts';

const usage = `usage: openami ledger check [--database URL]
       openami ledger rebuild [--account ID] [--database URL]

check    compares every account's kept balance (account_balances) with its vending ledger entries; exits 0
         when all agree, 1 listing each account that differs (and raises a ledger-drift alarm on its meter).
rebuild  sums the kept balance of account ID again from its entries (without --account: of every account
         that differs), each under the account's vending lock, so serve may keep running; audited as
         vending.ledgerRebuild. Exits 0 when every kept balance then agrees.

The entries are the truth: balances shown and refund, cancel and trip decisions are always summed from them.
A kept balance that differs was changed outside the ledger: look at the audit log before rebuilding it.`;

function report(io: CommandIo, checked: LedgerCheck): number {
  for (const id of checked.rebuilt) io.out(`rebuilt account ${id} from its ledger`);
  for (const d of checked.drifted) {
    io.out(`account ${d.accountNo ?? '?'} (id ${d.accountId}) differs from its ledger:`);
    for (const problem of d.problems) io.out(`  ${problem}`);
  }
  if (checked.drifted.length === 0) {
    io.out('every kept balance matches its ledger');
    return 0;
  }
  return 1;
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check' && sub !== 'rebuild') {
    io.err(usage);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let database: string | undefined;
  let account: string | undefined;
  try {
    ({
      values: { database, account },
    } = parseArgs({ args: rest, options: { database: { type: 'string' }, account: { type: 'string' } } }));
    if (sub === 'check' && account !== undefined) throw new Error('check takes no --account');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const accountId = account === undefined ? undefined : Number(account);
  if (accountId !== undefined && !(Number.isInteger(accountId) && accountId > 0)) {
    io.err(`--account takes an account id, not ${account}\n${usage}`);
    return 2;
  }
  const store = openDatabase(database);
  try {
    const alarms = new AlarmEngine(store);
    if (sub === 'check') return report(io, await checkLedger(store, alarms, Date.now()));
    const context = { ...consoleActor(), store, locale: 'en' as const, timeZone: 'Asia/Shanghai' };
    return report(io, await rebuildLedger(context, alarms, accountId));
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`openami ledger: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

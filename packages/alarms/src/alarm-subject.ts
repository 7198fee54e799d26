// What an alarm is about, as the people who read it know it: a meter by its number (出厂编号) and address,
// with the room and account of whoever holds it; a terminal by its name; a port by its terminal's name and
// its number. The store's ids stay in the alarm (`objectType`, `objectId`) for links and filters.
import type { AlarmRow, Repositories } from '@openami/storage';

export interface AlarmSubject {
  readonly meter: { readonly factoryNo: string; readonly commAddress: string } | null;
  /** Who holds the meter's open account: their name and room (门牌), and the account's number. */
  readonly customer: { readonly name: string; readonly unit: string } | null;
  readonly accountNo: string | null;
  /** The terminal of a terminal's or a port's alarm. */
  readonly terminal: { readonly name: string } | null;
  readonly portNo: number | null;
}

const NOTHING: AlarmSubject = { meter: null, customer: null, accountNo: null, terminal: null, portNo: null };

/** The subjects of several alarms, each meter and terminal looked up once. */
export async function alarmSubjects(
  store: Repositories,
  alarms: readonly Pick<AlarmRow, 'objectType' | 'objectId'>[],
): Promise<AlarmSubject[]> {
  const meters = new Map<string, Promise<AlarmSubject>>();
  const terminals = new Map<string, Promise<{ name: string } | null>>();
  const terminal = (id: string) => {
    let known = terminals.get(id);
    if (known === undefined) {
      known = store.terminals.get(Number(id)).then((t) => (t === undefined ? null : { name: t.name }));
      terminals.set(id, known);
    }
    return known;
  };
  return Promise.all(
    alarms.map(async (alarm): Promise<AlarmSubject> => {
      if (alarm.objectType === 'meter') {
        let known = meters.get(alarm.objectId);
        if (known === undefined) {
          known = meterSubject(store, Number(alarm.objectId));
          meters.set(alarm.objectId, known);
        }
        return known;
      }
      if (alarm.objectType === 'site') return NOTHING;
      const [terminalId, portNo] = alarm.objectId.split(':');
      if (terminalId === undefined || !/^\d+$/.test(terminalId)) return NOTHING;
      return {
        ...NOTHING,
        terminal: await terminal(terminalId),
        portNo: alarm.objectType === 'port' && portNo !== undefined ? Number(portNo) : null,
      };
    }),
  );
}

export async function alarmSubject(
  store: Repositories,
  alarm: Pick<AlarmRow, 'objectType' | 'objectId'>,
): Promise<AlarmSubject> {
  return (await alarmSubjects(store, [alarm]))[0] ?? NOTHING;
}

async function meterSubject(store: Repositories, meterId: number): Promise<AlarmSubject> {
  if (!Number.isSafeInteger(meterId)) return NOTHING;
  const [meter, account] = await Promise.all([
    store.meters.get(meterId),
    store.accounts.openForMeter(meterId),
  ]);
  const customer = account === undefined ? undefined : await store.customers.get(account.customerId);
  return {
    ...NOTHING,
    meter: meter === undefined ? null : { factoryNo: meter.factoryNo, commAddress: meter.commAddress },
    customer: customer === undefined ? null : { name: customer.name, unit: customer.unit },
    accountNo: account?.accountNo ?? null,
  };
}

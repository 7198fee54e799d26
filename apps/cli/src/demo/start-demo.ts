// `openami demo`: the platform and a simulated community in one process on a fresh SQLite file. The field
// runs faster than real time (ten times by default) so that plans, freezes and alarms show
// within minutes; the collector keeps the field's clock, as a station keeps the meters' time.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AlarmEngine, LogChannel, Notifier } from '@openami/alarms';
import { Collector, SoftSecurityModule } from '@openami/headend';
import { addUser, buildApp } from '@openami/server';
import {
  type Field,
  freeBasePort,
  JumpClock,
  runScenario,
  SIM_TEST_ESAM_KEY,
  startField,
} from '@openami/sim';
import { AuditKey, migrateToLatest, openStore, type Store } from '@openami/storage';
import { consoleActor } from '../console-actor.ts';
import { builtWebRoot } from '../web-root.ts';
import { backfillHistory, type HistoryMeter } from './backfill.ts';
import {
  buildingMeterAddress,
  type CommunitySize,
  currentTransformerFor,
  FULL_COMMUNITY,
  fieldOf,
  type Household,
  households,
  TRANSFORMER_METER_ADDRESS,
} from './community.ts';

export interface DemoOptions {
  readonly size?: CommunitySize;
  readonly dataDir?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Simulated time per real time (10: an hour in six minutes). */
  readonly timeFactor?: number;
  /** Days of history back-filled before going live (60 unless told; 0 for none). */
  readonly historyDays?: number;
  readonly log?: (line: string) => void;
}

export interface Demo {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly databasePath: string;
  readonly meters: number;
  /** The history back-filled before going live, and how long that took. */
  readonly history: { readonly days: number; readonly hourlyReadings: number; readonly seconds: number };
  /** A household to try the resident's pages with (`/resident`): its account number and phone. */
  readonly resident: { readonly accountNo: string; readonly phone: string } | undefined;
  stop(): Promise<void>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The community's site time zone, as its meters keep local time (UTC+8). */
const TIME_ZONE = 'Asia/Shanghai';
const UTC_OFFSET_MS = 8 * HOUR;
export const DEFAULT_HISTORY_DAYS = 60;

/**
 * Ten times real time: the hourly plan every six minutes, events every 90 s. Faster, and a unit's bus of 60
 * meters at 9600 baud cannot finish one plan before the next is due (the run history then shows skips).
 */
export const DEFAULT_TIME_FACTOR = 10;

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => {});
  const size = options.size ?? FULL_COMMUNITY;
  const homes = households(size);
  const databasePath = join(options.dataDir ?? 'data', 'demo.sqlite');
  // A demo starts afresh every time: the previous run's database goes.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  // One TCP port per unit's bus, and one for the substation's serial server.
  const basePort = await freeBasePort(size.buildings * size.unitsPerBuilding + 1);
  const timeFactor = options.timeFactor ?? DEFAULT_TIME_FACTOR;
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  // The meters were fitted at the local midnight `historyDays` ago; the field starts an hour before.
  const installedAt = localMidnight(Date.now()) - historyDays * DAY;
  const clock = new JumpClock(historyDays > 0 ? installedAt - HOUR : Date.now(), timeFactor);
  const field = await startField(fieldOf(size, homes, { basePort, timeFactor }), { clock });
  // The demo's own audit key, new each run like its database, beside it: verify the demo's chain with
  // OPENAMI_AUDIT_KEY_FILE=<data>/demo-audit.key openami audit verify --database <data>/demo.sqlite.
  const auditKeyPath = join(dirname(databasePath), 'demo-audit.key');
  mkdirSync(dirname(databasePath), { recursive: true });
  writeFileSync(auditKeyPath, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const auditKey = new AuditKey(readFileSync(auditKeyPath, 'utf8').trim());
  const store = openStore({ url: databasePath, auditKey });
  try {
    await migrateToLatest(store.db);
    const password = randomBytes(12).toString('base64url');
    await addUser(store, consoleActor('demo'), {
      username: 'admin',
      displayName: '管理员',
      password,
      role: 'administrator',
      allAreas: true,
      areaIds: [],
      locale: 'zh-CN',
    });
    log(`building the community: ${homes.length} households`);
    const { accounts, meters } = await enterCommunity(store, size, homes, basePort, installedAt);
    let history = { days: 0, hourlyReadings: 0, seconds: 0 };
    if (historyDays > 0) {
      log(`back-filling ${historyDays} days of history through the simulated meters`);
      const started = performance.now();
      const report = await backfillHistory({
        field,
        store,
        meters,
        fromMs: installedAt,
        toMs: Math.floor(Date.now() / HOUR) * HOUR,
        timeZone: TIME_ZONE,
        log,
      });
      const seconds = (performance.now() - started) / 1000;
      history = { days: historyDays, hourlyReadings: report.hourlyReadings, seconds };
      log(
        `history: ${report.hourlyReadings} hourly readings and ${report.dailyFreezes} daily freezes in ${seconds.toFixed(1)} s`,
      );
      for (const failure of report.failures)
        log(`history of ${failure.address} incomplete: ${failure.reason}`);
    }
    // Live from here: the field's time is the present again, running at the demo's pace.
    clock.jumpTo(Date.now());

    // Alarms keep the field's time, as readings do: clear delays and days pass at the demo's pace.
    const alarms = new AlarmEngine(store, { now: () => field.clock.now() });
    // The demo's notifications go to its log: what would be an SMS to a resident or a message to staff.
    const notifier = new Notifier(store, { channels: { log: new LogChannel((line) => log(line)) } });
    alarms.subscribe((event) => {
      void notifier.alarmEvent(event).catch(() => undefined);
    });
    notifier.start();
    const collector = new Collector(store, {
      now: () => field.clock.now(),
      clockRate: timeFactor,
      observer: alarms,
      credentials: { passwordLevel: 2, password: '123456', operatorCode: '00000001' },
      // The simulated ESAMs hold their factory test key; a site sets its own with OPENAMI_ESAM_KEY.
      security: new SoftSecurityModule(SIM_TEST_ESAM_KEY),
      log: (line) => log(`collector: ${line}`),
    });
    await collector.start(true);
    const webRoot = builtWebRoot();
    const app = await buildApp({
      store,
      config: { sessionTtlMs: 12 * 3_600_000, cookieSecure: false, trustProxy: false },
      field: collector,
      alarms,
      // The demo has no SMS provider: residents' sign-in codes go to its log.
      residentCodeChannel: 'log',
      // What goes wrong in the background (a charge that cannot be priced, say) is said in the demo's log,
      // not swallowed.
      logger: { level: 'error', stream: { write: (line: string) => log(errorLine(line)) } },
      ...(webRoot === undefined ? {} : { webRoot }),
    });
    const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });

    await topUpRemoteAccounts(app, password, accounts);
    const sample = accounts[0] === undefined ? undefined : await store.accounts.get(accounts[0].accountId);
    const samplePhone = sample === undefined ? undefined : (JSON.parse(sample.phones) as string[])[0];
    misbehave(field, homes, log);
    log('first reading of every meter');
    void collector.runPlanNow('hourly-energy').catch(() => undefined);
    return {
      url: address,
      username: 'admin',
      password,
      databasePath,
      meters: homes.length + size.buildings + 1,
      history,
      resident:
        sample === undefined || samplePhone === undefined
          ? undefined
          : { accountNo: sample.accountNo, phone: samplePhone },
      stop: async () => {
        await notifier.stop();
        await app.close();
        await collector.stop();
        await field.stop();
        await store.close();
      },
    };
  } catch (error) {
    await field.stop();
    await store.close();
    throw error;
  }
}

interface RemoteAccount {
  readonly accountId: number;
  readonly topUpFen: number;
  readonly mode: 'remote' | 'local';
  /** The bus its meter is on (building and unit): sales on different buses go in parallel. */
  readonly bus: string;
}

async function enterCommunity(
  store: Store,
  size: CommunitySize,
  homes: readonly Household[],
  basePort: number,
  installedAt: number,
): Promise<{ accounts: RemoteAccount[]; meters: HistoryMeter[] }> {
  const meters: HistoryMeter[] = [];
  const installed = (row: { id: number; commAddress: string; meterTypeId: number }) => {
    meters.push({ id: row.id, address: row.commAddress, meterType: String(row.meterTypeId) });
    return row;
  };
  const now = Date.now();
  const community = await store.areas.create(
    { parentId: null, kind: 'community', code: 'HY', name: '和园小区' },
    now,
  );
  const meterType = await store.meterTypes.create(
    {
      code: 'DDSY666',
      name: '单相费控智能电能表',
      model: 'DDSY666',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 5_000,
      maxCurrentMa: 60_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    },
    null,
    now,
  );
  const typeVersion = await store.meterTypes.currentVersion(meterType.id);
  const residential = await store.priceTypes.create(
    { code: 'JM', name: '居民阶梯电价', unitPriceMilliFenPerKwh: 48_830 },
    null,
    now,
  );
  // A residential tiered tariff with time of use, as Chinese residential tariffs are (in force from now).
  await store.tariffs.add(
    {
      priceTypeId: residential.id,
      effectiveFrom: now,
      kind: 'tiered_time_of_use',
      definition: {
        kind: 'tiered_time_of_use',
        // The four periods the meters register (尖峰平谷), on the same day table as their own.
        prices: { sharp: 668_300, peak: 568_300, flat: 488_300, valley: 288_300 },
        calendar: {
          schedules: [
            {
              name: 'standard',
              segments: [
                { from: '00:00', period: 'valley' },
                { from: '07:00', period: 'flat' },
                { from: '08:00', period: 'peak' },
                { from: '11:00', period: 'flat' },
                { from: '17:00', period: 'peak' },
                { from: '19:00', period: 'sharp' },
                { from: '21:00', period: 'peak' },
                { from: '22:00', period: 'flat' },
                { from: '23:00', period: 'valley' },
              ],
            },
          ],
          rules: [],
          defaultSchedule: 'standard',
        },
        advanceSalePeriod: 'peak',
        cycle: 'yearly',
        tiers: [
          { upToKwh: 2_760, surchargeE4FenPerKwh: 0 },
          { upToKwh: 4_800, surchargeE4FenPerKwh: 50_000 },
          { upToKwh: null, surchargeE4FenPerKwh: 300_000 },
        ],
      },
    },
    null,
    now,
  );
  const supply = await supplyMeterType(store, now);
  const substation = await store.terminals.create(
    {
      areaId: community.id,
      name: '配电房采集终端',
      model: 'DH60x',
      mode: 'tcp_server',
      address: `127.0.0.1:${basePort + size.buildings * size.unitsPerBuilding}`,
    },
    [{ portNo: 1, baud: 9600, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
    now,
  );
  const transformer = installed(
    await store.meters.stockIn(
      supplyMeter(supply, currentTransformerFor(homes.length), {
        commAddress: TRANSFORMER_METER_ADDRESS,
        areaId: community.id,
        terminalPortId: substation.ports[0]?.id ?? null,
        parentMeterId: null,
        stockedInAt: installedAt,
      }),
      now,
    ),
  );
  const remote: RemoteAccount[] = [];
  for (let b = 1; b <= size.buildings; b++) {
    const building = await store.areas.create(
      { parentId: community.id, kind: 'building', code: `HY-${b}`, name: `${b}号楼` },
      now,
    );
    const terminal = await store.terminals.create(
      {
        areaId: building.id,
        name: `${b}号楼采集终端`,
        model: 'DH60x',
        mode: 'tcp_server',
        address: `127.0.0.1:${basePort + (b - 1) * size.unitsPerBuilding}`,
      },
      Array.from({ length: size.unitsPerBuilding }, (_, i) => ({
        portNo: i + 1,
        baud: 9600,
        parity: 'E',
        dataBits: 8,
        stopBits: 1,
        protocol: 'dlt645_2007',
      })),
      now,
    );
    const buildingMeter = installed(
      await store.meters.stockIn(
        supplyMeter(supply, currentTransformerFor(homes.filter((h) => h.building === b).length), {
          commAddress: buildingMeterAddress(b),
          areaId: building.id,
          terminalPortId: terminal.ports[0]?.id ?? null,
          parentMeterId: transformer.id,
          stockedInAt: installedAt,
        }),
        now,
      ),
    );
    for (let u = 1; u <= size.unitsPerBuilding; u++) {
      const unit = await store.areas.create(
        { parentId: building.id, kind: 'unit', code: `HY-${b}-${u}`, name: `${u}单元` },
        now,
      );
      const port = terminal.ports[u - 1];
      for (const home of homes.filter((h) => h.building === b && h.unit === u)) {
        const meter = installed(
          await store.meters.stockIn(
            {
              factoryNo: `HY${home.address.slice(2)}`,
              commAddress: home.address,
              meterTypeId: meterType.id,
              meterTypeVersionId: typeVersion?.id as number,
              state: 'installed',
              startingReadingWh: 0,
              areaId: unit.id,
              terminalPortId: port?.id ?? null,
              parentMeterId: buildingMeter.id,
              ptPrimary: 1,
              ptSecondary: 1,
              ctPrimary: 1,
              ctSecondary: 1,
              multiplier: 1,
              stockedInAt: installedAt,
            },
            now,
          ),
        );
        const customer = await store.customers.create(
          {
            code: `HY${b}${u}${home.room}`,
            name: home.name,
            unit: `${b}-${u}-${home.room}`,
            address: `和园小区${b}号楼${u}单元${home.room}室`,
            idNumber: '',
            areaId: unit.id,
          },
          null,
          now,
        );
        const account = await store.accounts.open(
          {
            accountNo: `HY${b}${u}${home.room}`,
            customerId: customer.id,
            meterId: meter.id,
            priceTypeId: residential.id,
            prepaidMode: home.mode,
            alarmEnergyWh: 10_000,
            creditLimitWh: 0,
            hoardingLimitWh: 0,
            capacityLimitMode: 0,
            phones: JSON.stringify([home.phone]),
            openedAt: now,
          },
          now,
        );
        if (home.mode !== 'card')
          remote.push({
            accountId: account.id,
            topUpFen: 5_000 + (meter.id % 20) * 500,
            mode: home.mode,
            bus: `${b}-${u}`,
          });
      }
    }
  }
  // One remote household tops up only a little: its balance runs low first.
  const lowAt = remote.findIndex((a) => a.mode === 'remote');
  const low = remote[lowAt];
  if (low !== undefined) remote[lowAt] = { ...low, topUpFen: 300 };
  return { accounts: remote, meters };
}

/** A server log record (pino's JSON line) as one line of the demo's log. */
export function errorLine(json: string): string {
  try {
    const record = JSON.parse(json) as { msg?: string; err?: { message?: string } };
    const cause = record.err?.message;
    return `error: ${record.msg ?? ''}${cause === undefined ? '' : `: ${cause}`}`;
  } catch {
    return `error: ${json.trim()}`;
  }
}

/** The UTC+8 local midnight that begins the day of `epochMs`. */
function localMidnight(epochMs: number): number {
  return Math.floor((epochMs + UTC_OFFSET_MS) / DAY) * DAY - UTC_OFFSET_MS;
}

/** The three-phase meter type of the supply meters: 3×220/380 V, 3×1.5(6) A behind current transformers. */
async function supplyMeterType(store: Store, now: number) {
  const type = await store.meterTypes.create(
    {
      code: 'DTSD1352',
      name: '三相四线多功能电能表',
      model: 'DTSD1352',
      constantImpPerKwh: 6400,
      ratedCurrentMa: 1_500,
      maxCurrentMa: 6_000,
      phases: 3,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    },
    null,
    now,
  );
  const version = await store.meterTypes.currentVersion(type.id);
  return { typeId: type.id, versionId: version?.id as number };
}

function supplyMeter(
  type: { typeId: number; versionId: number },
  ct: { ctPrimary: number; ctSecondary: number },
  placed: {
    commAddress: string;
    areaId: number;
    terminalPortId: number | null;
    parentMeterId: number | null;
    stockedInAt: number;
  },
) {
  return {
    ...placed,
    factoryNo: `HYS${placed.commAddress}`,
    meterTypeId: type.typeId,
    meterTypeVersionId: type.versionId,
    state: 'installed',
    startingReadingWh: 0,
    ptPrimary: 1,
    ptSecondary: 1,
    ctPrimary: ct.ctPrimary,
    ctSecondary: ct.ctSecondary,
    // PT 1:1 × CT ratio; the simulated meter measures the secondary side of the same CT.
    multiplier: ct.ctPrimary / ct.ctSecondary,
  };
}

/**
 * The cashier's opening top-ups of the remote and local accounts, through the API (audited like any sale);
 * a local account's goes to its meter as 开户, the buses working in parallel.
 */
async function topUpRemoteAccounts(
  app: Awaited<ReturnType<typeof buildApp>>,
  password: string,
  accounts: readonly RemoteAccount[],
): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password },
  });
  const cookie = login.cookies.find((c) => c.name === 'openami_session');
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  const sell = (account: RemoteAccount) =>
    app.inject({
      method: 'POST',
      url: `/api/vending/accounts/${account.accountId}/sales`,
      headers: { cookie: `openami_session=${cookie?.value ?? ''}`, 'x-csrf-token': csrf },
      payload: { requestId: `demo-opening-${account.accountId}`, by: 'money', amountFen: account.topUpFen },
    });
  // Each sale from nothing closes its meter's relay over the wire, one exchange at a time on a bus: the
  // buses work in parallel, the meters of one bus in turn.
  const buses = new Map<string, RemoteAccount[]>();
  for (const account of accounts) buses.set(account.bus, [...(buses.get(account.bus) ?? []), account]);
  await Promise.all(
    [...buses.values()].map(async (onBus) => {
      for (const account of onBus) await sell(account);
    }),
  );
}

/** A few meters misbehave on purpose, so that alarms show: one dead, one tampered with after a while. */
function misbehave(field: Field, homes: readonly Household[], log: (line: string) => void): void {
  const dead = homes.at(-1);
  if (dead !== undefined) {
    field.setFaults({ meter: dead.address }, { dead: true });
    log(`meter ${dead.address} (${dead.name}) does not answer`);
  }
  const tampered = homes[Math.floor(homes.length / 2)];
  if (tampered !== undefined) {
    const timer = setTimeout(() => {
      runScenario(field, tampered.address, { kind: 'cover-open' });
      log(`meter ${tampered.address}: its cover was opened`);
    }, 20_000);
    timer.unref();
  }
}

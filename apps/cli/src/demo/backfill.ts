// The demo's history: before the community goes live, its simulated meters are run through the last 60
// days at high speed, and the head-end reads them as its plans would have: the hourly plan's energy at every
// hour (and its instantaneous values over the last week), then the daily freezes the meters took at each
// midnight. The readings travel as DL/T 645 frames through a loopback link instead of the RS-485 bus, so
// decoding, validation, the roll-ups and storage are those of live collection; only the wire's timing is
// skipped. Energy metered in the history draws on no prepaid balance: the accounts are opened today.
import { localDate } from '@openami/domain';
import {
  BlockSupport,
  collectDailyFreezes,
  collectMeter,
  DEFAULT_PLANS,
  dailyFreezeRows,
  dailyFrozenGaps,
  ITEM_GROUPS,
  LoopbackLink,
  MeterClient,
  meterReadingOf,
} from '@openami/headend';
import { decodeFrame } from '@openami/protocol';
import { type Field, meterAnswer } from '@openami/sim';
import { type Store, StoreSink } from '@openami/storage';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface HistoryMeter {
  /** The store's meter id. */
  readonly id: number;
  readonly address: string;
  readonly meterType: string;
}

export interface BackfillOptions {
  readonly field: Field;
  readonly store: Store;
  readonly meters: readonly HistoryMeter[];
  /** The history runs from `fromMs` to `toMs` (epoch ms); readings are taken on each whole hour between. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The whole hourly plan is read for the last this many days (7 unless told); forward energy before. */
  readonly instantDays?: number;
  readonly timeZone: string;
  readonly log?: (line: string) => void;
}

export interface BackfillReport {
  readonly meters: number;
  readonly hourlyReadings: number;
  readonly dailyFreezes: number;
  /** Meters whose history could not be read in full, with the first reason. */
  readonly failures: readonly { readonly address: string; readonly reason: string }[];
}

/** Meter-model steps while fast-forwarding: coarse for the old history, quarter hours for the last week. */
const COARSE_STEP = HOUR;
const FINE_STEP = 15 * MINUTE;

export async function backfillHistory(options: BackfillOptions): Promise<BackfillReport> {
  const { field, store, timeZone } = options;
  const log = options.log ?? (() => {});
  const instantFrom = options.toMs - (options.instantDays ?? 7) * DAY;
  // The meters keep six days of load records (576 quarter hours); older ones would be dropped unread.
  const loadRecordsFrom = options.toMs - 6 * DAY;
  // The link answers at the instant the history has reached, from the meter the frame is addressed to.
  let at = options.fromMs;
  const link = new LoopbackLink('history', (bytes) => {
    const frame = decodeFrame(bytes);
    const meter = field.placement(frame.address).meter;
    return meterAnswer(meter, frame, at)?.frame;
  });
  const client = new MeterClient(link, { attempts: 1 });
  const blocks = new BlockSupport();
  // The hourly plan's items for the last week (less the prepaid balances, which the history leaves alone);
  // before that, forward active energy alone: what the reports and the roll-ups are made of.
  const hourlyPlan = DEFAULT_PLANS.find((plan) => plan.id === 'hourly-energy');
  const prepaidItems = new Set<number>(ITEM_GROUPS.prepaid);
  const recentItems = (hourlyPlan?.items ?? []).filter((di) => !prepaidItems.has(di));
  const olderItems = ITEM_GROUPS.energy.filter((di) => di >> 16 === 0x0001);
  const sink = new StoreSink(store.readings, {
    timeZone,
    maxBatch: 4_000,
    maxDelayMs: 20,
  });
  const failures: { address: string; reason: string }[] = [];
  let hourlyReadings = 0;
  let dailyFreezes = 0;
  const firstHour = Math.ceil(options.fromMs / HOUR) * HOUR;
  const started = performance.now();
  let lastLog = started;
  for (const [index, meter] of options.meters.entries()) {
    const sim = field.placement(meter.address).meter;
    const stored: Promise<unknown>[] = [];
    let failure: string | undefined;
    for (let hour = firstHour; hour <= options.toMs; hour += HOUR) {
      sim.fastForward(hour, {
        stepMs: hour > instantFrom ? FINE_STEP : COARSE_STEP,
        chargeBalance: false,
        loadRecords: hour > loadRecordsFrom,
      });
      at = hour;
      const outcome = await collectMeter(client, blocks, {
        meterId: meter.id,
        address: meter.address,
        edition: '2007',
        meterType: meter.meterType,
        items: hour > instantFrom ? recentItems : olderItems,
      });
      if (outcome.status !== 'complete') failure ??= outcome.failures[0]?.message ?? outcome.status;
      const reading = meterReadingOf(outcome, hour);
      if (reading !== undefined) {
        stored.push(sink.store(reading));
        hourlyReadings++;
      }
    }
    sim.fastForward(options.toMs, { stepMs: FINE_STEP, chargeBalance: false });
    at = options.toMs;
    const freezes = await readFreezes(client, store, meter, options, at);
    dailyFreezes += freezes.stored;
    if (freezes.problem !== undefined) failure ??= freezes.problem;
    await sink.flush();
    await Promise.all(stored);
    if (failure !== undefined) failures.push({ address: meter.address, reason: failure });
    if (performance.now() - lastLog > 5_000 || index === options.meters.length - 1) {
      lastLog = performance.now();
      log(`history: ${index + 1} of ${options.meters.length} meters back-filled`);
    }
  }
  return { meters: options.meters.length, hourlyReadings, dailyFreezes, failures };
}

/** The daily plan's gap filling, as the collector does it after midnight: every freeze the meter holds. */
async function readFreezes(
  client: MeterClient,
  store: Store,
  meter: HistoryMeter,
  options: BackfillOptions,
  nowMs: number,
): Promise<{ stored: number; problem: string | undefined }> {
  const today = localDate(nowMs, options.timeZone);
  const since = localDate(options.fromMs, options.timeZone);
  const have = new Set((await store.readings.dailyFrozen(meter.id, since, today)).map((r) => r.day));
  const outcome = await collectDailyFreezes(
    client,
    { address: meter.address, edition: '2007' },
    dailyFrozenGaps(have, since, today),
  );
  const rows = dailyFreezeRows(meter.id, outcome.freezes, options.timeZone, Date.now());
  if (rows.length > 0) await store.readings.insertDailyFrozen(rows);
  const missing = outcome.missing[0];
  return {
    stored: rows.length,
    problem:
      outcome.failure?.message ?? (missing === undefined ? undefined : `${missing.date}: ${missing.reason}`),
  };
}

// Collecting the items of one meter in one run: blocks first where the meter type supports them, single
// items otherwise; a meter that does not answer at all is given up for this run after its first item, so
// that a dead meter costs one item's retries and not the whole list's.
import type { DataValue, Edition } from '@openami/protocol';
import type { Priority } from '../link/bus.ts';
import { ExchangeError, type ExchangeFailure } from '../link/exchange-error.ts';
import type { MeterClient } from '../link/meter-client.ts';
import { CONFIGURATION_ITEMS } from '../plans/item-groups.ts';
import { plainReason, type Reason } from '../reasons.ts';
import { BLOCKS_1997, BLOCKS_2007, type BlockDefinition, type BlockSupport } from './blocks.ts';

export interface MeterTask {
  /** The store's meter id. */
  readonly meterId: number;
  readonly address: string;
  readonly edition: Edition;
  /** Meters of one type share what blocks they support. */
  readonly meterType: string;
  /** Single data identifiers to read; blocks are used where they cover them. */
  readonly items: readonly number[];
}

export interface ItemReading {
  readonly di: number;
  readonly value: DataValue;
}

export interface ItemFailure {
  readonly di: number;
  readonly reason: ExchangeFailure;
  /** English, for logs. */
  readonly message: string;
  /** For people: a code and its parameters. */
  readonly why: Reason;
}

export interface MeterOutcome {
  /** The store's meter id. */
  readonly meterId: number;
  /** `complete`: every item read; `partial`: some refused or failed; `unreachable`: the meter did not answer. */
  readonly status: 'complete' | 'partial' | 'unreachable';
  readonly readings: readonly ItemReading[];
  readonly failures: readonly ItemFailure[];
  /**
   * Items the meter said it does not hold, of those only some configurations hold (`CONFIGURATION_ITEMS`:
   * a post-paid meter has no remaining money): not applicable, so not failures.
   */
  readonly notHeld?: readonly number[];
  readonly attempts: number;
  readonly durationMs: number;
  /** When the head-end had the meter's last reply (epoch ms, the head-end's clock), set by `HeadEnd.read`. */
  readonly collectedAt?: number;
  /**
   * When the meter first answered (epoch ms, the clock given to `collectMeter`): the time its values are
   * read at. Blocks go first, so for a plan with energy this is when the energy registers were read; two
   * runs reading one meter in turns on a busy bus thus date their registers in the order they were read.
   */
  readonly firstAnsweredAt?: number;
}

/** Failures that say the meter (or its link) is not there, rather than that it refused one item. */
const SILENT: ReadonlySet<ExchangeFailure> = new Set(['timeout', 'offline', 'cancelled']);

export async function collectMeter(
  client: MeterClient,
  blocks: BlockSupport,
  task: MeterTask,
  priority: Priority = 'scheduled',
  now?: () => number,
): Promise<MeterOutcome> {
  const started = performance.now();
  let firstAnsweredAt: number | undefined;
  const readings: ItemReading[] = [];
  const failures: ItemFailure[] = [];
  const notHeld: number[] = [];
  let attempts = 0;
  const failed = (di: number, error: ExchangeError) => {
    if (
      CONFIGURATION_ITEMS.has(di) &&
      error.reason === 'device-error' &&
      error.deviceReasons.includes('no-data')
    )
      notHeld.push(di);
    else failures.push({ di, reason: error.reason, message: error.message, why: error.why });
  };
  let answered = false;
  const target = { address: task.address, edition: task.edition };

  const readOne = async (di: number): Promise<DataValue | ExchangeError> => {
    try {
      const result = await client.read(target, di, priority);
      attempts += result.attempts;
      answered = true;
      firstAnsweredAt ??= now?.();
      return result.item.value;
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      attempts += error.attempts;
      if (!SILENT.has(error.reason)) answered = true;
      return error;
    }
  };

  for (const step of plan(task, blocks)) {
    if (!answered && failures.length > 0) {
      // The first exchange went unanswered: the meter is not there this run.
      for (const di of step.items)
        failures.push({
          di,
          reason: 'cancelled',
          message: 'skipped: the meter did not answer',
          why: plainReason('no-answer'),
        });
      continue;
    }
    const outcome = await readOne(step.block ?? (step.items[0] as number));
    if (!(outcome instanceof ExchangeError)) {
      if (step.block === undefined) readings.push({ di: step.items[0] as number, value: outcome });
      else readings.push(...spreadBlock(step, outcome));
      continue;
    }
    if (step.block !== undefined && outcome.reason === 'device-error') {
      // The meter refused the block: remember it for its type and read the items one by one.
      blocks.markRefused(task.meterType, step.block);
      for (const di of step.items) {
        const single = await readOne(di);
        if (single instanceof ExchangeError) failed(di, single);
        else readings.push({ di, value: single });
      }
      continue;
    }
    if (step.block === undefined) failed(step.items[0] as number, outcome);
    else
      for (const di of step.items)
        failures.push({ di, reason: outcome.reason, message: outcome.message, why: outcome.why });
  }
  const status = !answered ? 'unreachable' : failures.length === 0 ? 'complete' : 'partial';
  return {
    meterId: task.meterId,
    status,
    readings,
    failures,
    ...(notHeld.length === 0 ? {} : { notHeld }),
    attempts,
    durationMs: performance.now() - started,
    ...(firstAnsweredAt === undefined ? {} : { firstAnsweredAt }),
  };
}

interface Step {
  readonly block?: number;
  readonly items: readonly number[];
}

/** Groups the wanted items into the blocks this meter type supports, the rest one by one. */
function plan(task: MeterTask, support: BlockSupport): Step[] {
  const wanted = new Set(task.items);
  const steps: Step[] = [];
  const definitions: readonly BlockDefinition[] = task.edition === '2007' ? BLOCKS_2007 : BLOCKS_1997;
  for (const definition of definitions) {
    const covered = definition.items.filter((di) => wanted.has(di));
    if (covered.length < 2 || !support.isSupported(task.meterType, definition.block)) continue;
    steps.push({ block: definition.block, items: definition.items.filter((di) => wanted.has(di)) });
    for (const di of covered) wanted.delete(di);
  }
  for (const di of task.items) if (wanted.has(di)) steps.push({ items: [di] });
  return steps;
}

/** A block's values under the single items' identifiers; a shorter block (fewer tariffs) fills what it has. */
function spreadBlock(step: Step, value: DataValue): ItemReading[] {
  const values = Array.isArray(value) ? (value as readonly DataValue[]) : [];
  const definition = [...BLOCKS_2007, ...BLOCKS_1997].find((b) => b.block === step.block);
  const readings: ItemReading[] = [];
  definition?.items.forEach((di, index) => {
    const itemValue = values[index];
    if (step.items.includes(di) && itemValue !== undefined) readings.push({ di, value: itemValue });
  });
  return readings;
}

// What a meter is: its nameplate, its protocol edition and what it is wired to. Energies are integer Wh,
// powers W. Defaults follow the nameplate example of DOMAIN.md §2 (220V 10(40)A 50Hz 1600imp/kWh).
import {
  DEFAULT_BAUD,
  type Edition,
  isConcreteAddress,
  normalizeAddress,
  RESPONSE_DELAY_MAX_MS,
  RESPONSE_DELAY_MIN_MS,
} from '@openami/protocol';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../time/local-time.ts';
import type { MoneyPrepaidConfig } from './fee-control.ts';
import type { LoadProfileName } from './load-profile.ts';
import { DEFAULT_LOAD_RECORDS_KEPT } from './load-records.ts';

export interface DelayRangeMs {
  readonly min: number;
  readonly max: number;
}

export interface PrepaidConfig {
  /** 报警电量1: at or below it the meter warns (status word 3 pre-trip alarm). */
  readonly alarmEnergyWh: number;
  /** 报警电量2: a second, lower warning level. */
  readonly alarm2EnergyWh: number;
  /** 透支电量限值 (赊欠限量): how far below zero the remaining energy may go before the relay trips. */
  readonly creditLimitWh: number;
  /** 囤积电量限值: a purchase is refused while purchase + remaining would exceed it. */
  readonly hoardingLimitWh: number;
  /** 001 FAQ 5: at the alarm level the meter cuts power until the customer card is inserted. */
  readonly alarmCutsPower: boolean;
  /** 预置电量 given by a preset card at installation; GB/T 18460 meters deduct it at the first purchase. */
  readonly presetEnergyWh: number;
  readonly initialRemainingWh: number;
}

export interface CapacityLimitConfig {
  /** 正向有功功率上限值 (04000E01). */
  readonly maxPowerW: number;
  /** How long power must stay above the limit before the relay trips. */
  readonly tripDelayMs: number;
  /** When the relay closes again by itself; undefined: it stays open until a remote close. */
  readonly restoreAfterMs: number | undefined;
}

/** The networked meter of 002: trip within 5 s above the maximum power, close again after 3 minutes. */
export const NETWORKED_CAPACITY_LIMIT = { tripDelayMs: 3_000, restoreAfterMs: 180_000 } as const;
/** The card meter of 001 (限容方式 1): trip after 30 s above the contracted capacity. */
export const CARD_METER_CAPACITY_LIMIT = { tripDelayMs: 30_000, restoreAfterMs: undefined } as const;

export interface MeterConfig {
  readonly address: string;
  /** 表号; the address by default. */
  readonly meterNumber: string;
  readonly edition: Edition;
  readonly phases: 1 | 3;
  readonly constantImpPerKwh: number;
  readonly nominalVoltageV: number;
  readonly ratedCurrentA: number;
  readonly maxCurrentA: number;
  /** Multiplier = PT ratio × CT ratio (DOMAIN.md §4). */
  readonly ctRatio: number;
  readonly ptRatio: number;
  readonly baud: number;
  readonly profile: LoadProfileName;
  /** The premises' typical peak demand on the primary side; a home never draws more. */
  readonly peakPowerW: number;
  /** A home's occupants (profile household); undefined: drawn from the seed by the census's sizes. */
  readonly occupants: number | undefined;
  readonly seed: number;
  readonly responseDelayMs: DelayRangeMs;
  /** The meter's clock runs fast (positive) or slow by this many parts per million. */
  readonly clockDriftPpm: number;
  /** The meter's clock error at start. */
  readonly clockOffsetMs: number;
  readonly utcOffsetMinutes: number;
  /** Password per level (2007: 0-9; 1997: 0-2), six hex digits. */
  readonly passwords: Readonly<Record<number, string>>;
  readonly prepaid: PrepaidConfig | undefined;
  /** Money-type local fee control (电费型), topped up over the wire through the ESAM. */
  readonly moneyPrepaid: MoneyPrepaidConfig | undefined;
  /** The ESAM's master key (32 hex digits) the meter's own key is diversified from. */
  readonly esamKey: string;
  readonly capacityLimit: CapacityLimitConfig | undefined;
  /** Energy already on the registers at start (forward active total). */
  readonly initialEnergyWh: number;
  /** 负荷记录 blocks kept before the oldest is overwritten (memory: 80 bytes single-phase, 120 three-phase). */
  readonly loadRecordsKept: number;
}

export type MeterConfigInput = Partial<
  Omit<MeterConfig, 'prepaid' | 'moneyPrepaid' | 'capacityLimit' | 'address'>
> & {
  readonly address: string;
  readonly prepaid?: Partial<PrepaidConfig> | boolean;
  readonly moneyPrepaid?: Partial<MoneyPrepaidConfig> | boolean;
  readonly capacityLimit?: Partial<CapacityLimitConfig> & { readonly maxPowerW: number };
};

export const DEFAULT_RESPONSE_DELAY_MS: DelayRangeMs = { min: 40, max: 80 };
/**
 * The key simulated ESAMs leave the factory with (meters ship with test keys until the utility installs its
 * own); the head-end must be given the same one (OPENAMI_ESAM_KEY) to top them up.
 */
export const SIM_TEST_ESAM_KEY = '0123456789ABCDEFFEDCBA9876543210';
const DEFAULT_PASSWORD = '123456';

export function meterConfig(input: MeterConfigInput): MeterConfig {
  const address = normalizeAddress(input.address);
  if (!isConcreteAddress(address)) throw new Error(`meter address ${address} must be 12 decimal digits`);
  const edition = input.edition ?? '2007';
  const phases = input.phases ?? 1;
  const delay = input.responseDelayMs ?? DEFAULT_RESPONSE_DELAY_MS;
  // §5.3.3: a meter answers 20-500 ms after the request; a slower one is a fault, injected as such.
  if (delay.min < RESPONSE_DELAY_MIN_MS || delay.max > RESPONSE_DELAY_MAX_MS || delay.max < delay.min)
    throw new Error(
      `meter ${address}: response delay must lie within ${RESPONSE_DELAY_MIN_MS}-${RESPONSE_DELAY_MAX_MS} ms`,
    );
  if (input.occupants !== undefined && (!Number.isInteger(input.occupants) || input.occupants < 1))
    throw new Error(`meter ${address}: a home has a whole number of occupants, 1 or more`);
  return {
    address,
    meterNumber: input.meterNumber ?? address,
    edition,
    phases,
    constantImpPerKwh: input.constantImpPerKwh ?? (phases === 1 ? 1600 : 400),
    nominalVoltageV: input.nominalVoltageV ?? 220,
    ratedCurrentA: input.ratedCurrentA ?? (phases === 1 ? 10 : 20),
    maxCurrentA: input.maxCurrentA ?? (phases === 1 ? 40 : 80),
    ctRatio: input.ctRatio ?? 1,
    ptRatio: input.ptRatio ?? 1,
    baud: input.baud ?? DEFAULT_BAUD[edition],
    profile: input.profile ?? 'household',
    peakPowerW: input.peakPowerW ?? (phases === 1 ? 3_000 : 15_000),
    occupants: input.occupants,
    seed: (input.seed ?? Number(address.slice(-9))) >>> 0,
    responseDelayMs: delay,
    clockDriftPpm: input.clockDriftPpm ?? 0,
    clockOffsetMs: input.clockOffsetMs ?? 0,
    utcOffsetMinutes: input.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    passwords: input.passwords ?? {
      0: DEFAULT_PASSWORD,
      1: DEFAULT_PASSWORD,
      2: DEFAULT_PASSWORD,
      4: DEFAULT_PASSWORD,
    },
    prepaid: prepaidConfig(input.prepaid),
    moneyPrepaid: moneyPrepaidConfig(address, input.prepaid, input.moneyPrepaid),
    esamKey: esamKeyOf(address, input.esamKey),
    capacityLimit:
      input.capacityLimit === undefined
        ? undefined
        : {
            maxPowerW: input.capacityLimit.maxPowerW,
            tripDelayMs: input.capacityLimit.tripDelayMs ?? NETWORKED_CAPACITY_LIMIT.tripDelayMs,
            restoreAfterMs:
              'restoreAfterMs' in input.capacityLimit
                ? input.capacityLimit.restoreAfterMs
                : NETWORKED_CAPACITY_LIMIT.restoreAfterMs,
          },
    initialEnergyWh: input.initialEnergyWh ?? 0,
    loadRecordsKept: input.loadRecordsKept ?? DEFAULT_LOAD_RECORDS_KEPT,
  };
}

function prepaidConfig(input: Partial<PrepaidConfig> | boolean | undefined): PrepaidConfig | undefined {
  if (input === undefined || input === false) return undefined;
  const given = input === true ? {} : input;
  return {
    alarmEnergyWh: given.alarmEnergyWh ?? 10_000,
    alarm2EnergyWh: given.alarm2EnergyWh ?? 5_000,
    creditLimitWh: given.creditLimitWh ?? 0,
    hoardingLimitWh: given.hoardingLimitWh ?? 999_999_990,
    alarmCutsPower: given.alarmCutsPower ?? false,
    presetEnergyWh: given.presetEnergyWh ?? 0,
    initialRemainingWh: given.initialRemainingWh ?? given.presetEnergyWh ?? 0,
  };
}

function moneyPrepaidConfig(
  address: string,
  energy: MeterConfigInput['prepaid'],
  input: Partial<MoneyPrepaidConfig> | boolean | undefined,
): MoneyPrepaidConfig | undefined {
  if (input === undefined || input === false) return undefined;
  if (energy !== undefined && energy !== false)
    throw new Error(`meter ${address}: a meter keeps its balance in energy or in money, not both`);
  const given = input === true ? {} : input;
  return {
    alarm1Fen: given.alarm1Fen ?? 2_000,
    alarm2Fen: given.alarm2Fen ?? 1_000,
    creditLimitFen: given.creditLimitFen ?? 0,
    hoardingLimitFen: given.hoardingLimitFen ?? 99_999_999,
    // A typical residential time-of-use table: 尖 0.8 峰 0.7 平 0.55 谷 0.35 yuan/kWh.
    pricesPerKwh: given.pricesPerKwh ?? [8_000, 7_000, 5_500, 3_500],
    initialRemainingFen: given.initialRemainingFen ?? 0,
    customerNumber: given.customerNumber,
  };
}

function esamKeyOf(address: string, key: string | undefined): string {
  const value = (key ?? SIM_TEST_ESAM_KEY).toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(value)) throw new Error(`meter ${address}: the ESAM key must be 32 hex digits`);
  return value;
}

export function multiplierOf(config: MeterConfig): number {
  return config.ctRatio * config.ptRatio;
}

// fast-check generators for Q/GDW 1376.1 messages: every function both ways, with values the formats hold.
import fc from 'fast-check';
import type { Direction } from '../src/q1376/control.ts';
import type { EventRecord } from '../src/q1376/events.ts';
import type { TariffValues } from '../src/q1376/functions-data.ts';
import type { DataUnit, Message } from '../src/q1376/message.ts';

const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 6 });
const unsigned = (digits: number) => orNull(fc.integer({ min: 0, max: 10 ** digits - 1 }));
const signed = (digits: number) =>
  orNull(fc.integer({ min: -(8 * 10 ** (digits - 1) - 1), max: 8 * 10 ** (digits - 1) - 1 }));
const phases = (value: fc.Arbitrary<number | null>) => fc.record({ a: value, b: value, c: value });
const phasesWithTotal = (value: fc.Arbitrary<number | null>) =>
  fc.record({ total: value, a: value, b: value, c: value });

const year = fc.integer({ min: 2000, max: 2099 });
const month = fc.integer({ min: 1, max: 12 });
const day = fc.integer({ min: 1, max: 28 });
const hour = fc.integer({ min: 0, max: 23 });
const minute = fc.integer({ min: 0, max: 59 });
const minuteTime = fc.record({ year, month, day, hour, minute });
const dayDate = fc.record({ year, month, day });
const monthDate = fc.record({ year, month });
const clock = fc.record({
  year,
  month,
  day,
  hour,
  minute,
  second: minute,
  weekday: fc.integer({ min: 0, max: 7 }),
});
const digits12 = fc
  .array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(''));
const byte = fc.integer({ min: 0, max: 255 });
const point = fc.integer({ min: 0, max: 2040 });
const meterPoint = fc.integer({ min: 1, max: 2040 });

function tariffs(value: fc.Arbitrary<number | null>, count: number): fc.Arbitrary<TariffValues> {
  return fc.record({ total: value, tariffs: fc.array(value, { minLength: count, maxLength: count }) });
}

const format14 = unsigned(10);
const format13 = unsigned(8);
const format11 = orNull(fc.integer({ min: 0, max: 99_999_999 }).map((v) => v * 100));
const tariffCount = fc.integer({ min: 0, max: 14 });

const registers = tariffCount.chain((count) =>
  fc.record({
    readAt: orNull(minuteTime),
    forwardActiveDeciWh: tariffs(format14, count),
    forwardReactiveDeciVarh: tariffs(format11, count),
    quadrant1ReactiveDeciVarh: tariffs(format11, count),
    quadrant4ReactiveDeciVarh: tariffs(format11, count),
  }),
);

const meterEntry = fc.record({
  index: fc.integer({ min: 1, max: 2040 }),
  point,
  port: fc.integer({ min: 1, max: 31 }),
  baud: fc.constantFrom(0, 600, 1200, 2400, 4800, 7200, 9600, 19200),
  protocol: fc.constantFrom(1, 2, 30, 31),
  address: digits12,
  password: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
  tariffCount: fc.integer({ min: 0, max: 63 }),
  integerDigits: fc.integer({ min: 4, max: 7 }),
  decimalDigits: fc.integer({ min: 1, max: 4 }),
  collectorAddress: digits12,
  userClass: fc.integer({ min: 0, max: 15 }),
  userSubclass: fc.integer({ min: 0, max: 15 }),
});

const eventRecord: fc.Arbitrary<EventRecord> = fc.oneof(
  fc.record({
    kind: fc.constant('initialisation' as const),
    erc: fc.constant(1 as const),
    at: orNull(minuteTime),
    dataInitialised: fc.boolean(),
    versionChanged: fc.boolean(),
    versionBefore: fc.string({ minLength: 4, maxLength: 4, unit: fc.constantFrom(...'V0123456789.') }),
    versionAfter: fc.string({ minLength: 4, maxLength: 4, unit: fc.constantFrom(...'V0123456789.') }),
  }),
  fc.record({
    kind: fc.constant('parameter-change' as const),
    erc: fc.constant(3 as const),
    at: orNull(minuteTime),
    master: fc.integer({ min: 0, max: 127 }),
    changed: fc.array(fc.record({ point, fn: fc.integer({ min: 1, max: 248 }) }), { maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('circuit-fault' as const),
    erc: fc.constant(10 as const),
    at: orNull(minuteTime),
    began: fc.boolean(),
    point,
    faultType: fc.integer({ min: 0, max: 3 }),
    phaseA: fc.boolean(),
    phaseB: fc.boolean(),
    phaseC: fc.boolean(),
    voltageDeciV: phases(unsigned(4)),
    currentMilliA: phases(signed(6)),
    forwardActiveDeciWh: format14,
  }),
  fc.record({
    kind: fc.constant('meter-clock-drift' as const),
    erc: fc.constant(12 as const),
    at: orNull(minuteTime),
    began: fc.boolean(),
    point,
  }),
  fc.record({
    kind: fc.constant('meter-fault' as const),
    erc: fc.constant(13 as const),
    at: orNull(minuteTime),
    began: fc.boolean(),
    point,
    flags: byte,
  }),
  fc.record({
    kind: fc.constant('power-off-on' as const),
    erc: fc.constant(14 as const),
    offAt: orNull(minuteTime),
    onAt: orNull(minuteTime),
  }),
  fc.record({
    kind: fc.constant('unknown-meters' as const),
    erc: fc.constant(35 as const),
    at: orNull(minuteTime),
    port: byte,
    meters: fc.array(
      fc.record({
        address: digits12,
        phases: fc.integer({ min: 0, max: 7 }),
        signalQuality: fc.integer({ min: 0, max: 15 }),
        protocol: byte,
      }),
      { maxLength: 4 },
    ),
  }),
  fc.record({
    kind: fc.constant('raw-event' as const),
    erc: fc.constantFrom(2, 4, 5, 20, 60, 200),
    raw: fc.uint8Array({ maxLength: 30 }),
  }),
);

interface UnitCase {
  readonly afn: number;
  readonly direction: Direction;
  readonly unit: fc.Arbitrary<DataUnit>;
  /** A per-item answer reads items to the end of the frame: it is always the last (so the only) unit. */
  readonly alone?: boolean;
}

const unit = <T extends DataUnit>(
  afn: number,
  direction: Direction,
  arbitrary: fc.Arbitrary<T>,
  alone = false,
): UnitCase => ({
  afn,
  direction,
  unit: arbitrary,
  alone,
});

const empty = <K extends string>(kind: K, fn: number, onPoint: fc.Arbitrary<number> = fc.constant(0)) =>
  onPoint.map((p) => ({ kind, point: p, fn }) as unknown as DataUnit);

/** One arbitrary per function and direction, with the AFN it travels in. */
export const unitCases: readonly UnitCase[] = [
  unit(0x00, 'down', empty('confirm-all', 1)),
  unit(0x00, 'up', empty('deny-all', 2)),
  unit(
    0x00,
    'up',
    fc.record({
      kind: fc.constant('item-results' as const),
      point: fc.constant(0),
      fn: fc.constant(3),
      afn: byte,
      items: fc.array(fc.record({ point, fn: fc.integer({ min: 1, max: 248 }), errorCode: byte }), {
        maxLength: 6,
      }),
    }),
    true,
  ),
  unit(0x02, 'up', empty('login', 1)),
  unit(0x02, 'up', empty('logout', 2)),
  unit(0x02, 'up', empty('heartbeat', 3)),
  unit(
    0x04,
    'down',
    fc.record({
      kind: fc.constant('uplink-parameters' as const),
      point: fc.constant(0),
      fn: fc.constant(1),
      rtsDelay20Ms: byte,
      initiatorDelayMinutes: byte,
      responseTimeoutS: fc.integer({ min: 0, max: 4095 }),
      retries: fc.integer({ min: 0, max: 3 }),
      confirmClass1: fc.boolean(),
      confirmClass2: fc.boolean(),
      confirmClass3: fc.boolean(),
      heartbeatMinutes: byte,
    }),
  ),
  unit(
    0x0a,
    'up',
    fc.record({
      kind: fc.constant('master-address' as const),
      point: fc.constant(0),
      fn: fc.constant(3),
      primary: fc.record({ ip: fc.ipV4(), port: fc.integer({ min: 0, max: 65535 }) }),
      backup: fc.record({ ip: fc.ipV4(), port: fc.integer({ min: 0, max: 65535 }) }),
      apn: fc.string({ maxLength: 16, unit: fc.constantFrom(...'abcdefgCMNET.0123') }),
    }),
  ),
  unit(
    0x04,
    'down',
    fc.record({
      kind: fc.constant('meter-table' as const),
      point: fc.constant(0),
      fn: fc.constant(10),
      meters: fc.array(meterEntry, { maxLength: 5 }),
    }),
  ),
  unit(
    0x0a,
    'up',
    fc.record({
      kind: fc.constant('meter-table' as const),
      point: fc.constant(0),
      fn: fc.constant(10),
      meters: fc.array(meterEntry, { maxLength: 5 }),
    }),
  ),
  unit(
    0x0a,
    'down',
    fc.record({
      kind: fc.constant('meter-table-query' as const),
      point: fc.constant(0),
      fn: fc.constant(10),
      indexes: fc.array(fc.integer({ min: 1, max: 2040 }), { maxLength: 20 }),
    }),
  ),
  unit(
    0x0a,
    'down',
    fc.constantFrom(1, 3).map((fn) => ({ kind: 'query' as const, point: 0, fn })),
  ),
  unit(
    0x05,
    'down',
    fc.record({
      kind: fc.constant('trip' as const),
      point: fc.integer({ min: 1, max: 8 }),
      fn: fc.constant(1),
      limitHalfHours: fc.integer({ min: 0, max: 15 }),
      alarmDelayMinutes: fc.integer({ min: 0, max: 15 }),
    }),
  ),
  unit(0x05, 'down', empty('allow-close', 2, fc.integer({ min: 1, max: 8 }))),
  unit(0x05, 'down', empty('allow-active-report', 29)),
  unit(
    0x05,
    'down',
    fc.record({
      kind: fc.constant('time-sync' as const),
      point: fc.constant(0),
      fn: fc.constant(31),
      time: clock,
    }),
  ),
  unit(
    0x05,
    'down',
    fc.record({
      kind: fc.constant('pause-reading' as const),
      point: fc.constant(0),
      fn: fc.constant(49),
      port: byte,
    }),
  ),
  unit(
    0x0c,
    'down',
    fc.record({ kind: fc.constant('query' as const), point: meterPoint, fn: fc.constantFrom(25, 33, 129) }),
  ),
  unit(
    0x0c,
    'up',
    fc.record({
      kind: fc.constant('terminal-clock' as const),
      point: fc.constant(0),
      fn: fc.constant(2),
      time: orNull(clock),
    }),
  ),
  unit(
    0x0c,
    'up',
    fc.record({
      kind: fc.constant('instant-values' as const),
      point: meterPoint,
      fn: fc.constant(25),
      readAt: orNull(minuteTime),
      activePowerDeciW: phasesWithTotal(signed(6)),
      reactivePowerDeciVar: phasesWithTotal(signed(6)),
      powerFactorPermille: phasesWithTotal(signed(4)),
      voltageDeciV: phases(unsigned(4)),
      currentMilliA: phases(signed(6)),
      neutralCurrentMilliA: signed(6),
      apparentPowerDeciVa: phasesWithTotal(signed(6)),
    }),
  ),
  unit(
    0x0c,
    'up',
    fc
      .tuple(meterPoint, registers)
      .map(([p, r]) => ({ kind: 'current-forward-registers' as const, point: p, fn: 33, ...r })),
  ),
  unit(
    0x0c,
    'up',
    fc
      .tuple(
        meterPoint,
        orNull(minuteTime),
        tariffCount.chain((count) => tariffs(format14, count)),
      )
      .map(([p, readAt, values]) => ({
        kind: 'current-forward-active' as const,
        point: p,
        fn: 129,
        readAt,
        forwardActiveDeciWh: values,
      })),
  ),
  unit(
    0x0d,
    'down',
    fc.record({
      kind: fc.constant('daily-query' as const),
      point: meterPoint,
      fn: fc.constantFrom(1, 5, 161),
      day: dayDate,
    }),
  ),
  unit(
    0x0d,
    'down',
    fc.record({
      kind: fc.constant('monthly-query' as const),
      point: meterPoint,
      fn: fc.constantFrom(21, 177),
      month: monthDate,
    }),
  ),
  unit(
    0x0d,
    'up',
    fc
      .tuple(meterPoint, dayDate, registers)
      .map(([p, d, r]) => ({ kind: 'daily-forward-registers' as const, point: p, fn: 1, day: d, ...r })),
  ),
  unit(
    0x0d,
    'up',
    fc
      .tuple(
        meterPoint,
        dayDate,
        tariffCount.chain((count) => tariffs(format13, count)),
      )
      .map(([p, d, values]) => ({
        kind: 'daily-forward-active-consumption' as const,
        point: p,
        fn: 5,
        day: d,
        forwardActiveDeciWh: values,
      })),
  ),
  unit(
    0x0d,
    'up',
    fc
      .tuple(
        meterPoint,
        monthDate,
        tariffCount.chain((count) => tariffs(format13, count)),
      )
      .map(([p, m, values]) => ({
        kind: 'monthly-forward-active-consumption' as const,
        point: p,
        fn: 21,
        month: m,
        forwardActiveDeciWh: values,
      })),
  ),
  unit(
    0x0d,
    'up',
    fc
      .tuple(
        meterPoint,
        dayDate,
        orNull(minuteTime),
        tariffCount.chain((count) => tariffs(format14, count)),
      )
      .map(([p, d, readAt, values]) => ({
        kind: 'daily-forward-active' as const,
        point: p,
        fn: 161,
        day: d,
        readAt,
        forwardActiveDeciWh: values,
      })),
  ),
  unit(
    0x0d,
    'up',
    fc
      .tuple(
        meterPoint,
        monthDate,
        orNull(minuteTime),
        tariffCount.chain((count) => tariffs(format14, count)),
      )
      .map(([p, m, readAt, values]) => ({
        kind: 'monthly-forward-active' as const,
        point: p,
        fn: 177,
        month: m,
        readAt,
        forwardActiveDeciWh: values,
      })),
  ),
  unit(
    0x0e,
    'down',
    fc.record({
      kind: fc.constant('events-query' as const),
      point: fc.constant(0),
      fn: fc.constantFrom(1, 2),
      from: byte,
      to: byte,
    }),
  ),
  unit(
    0x0e,
    'up',
    fc
      .tuple(fc.constantFrom(1, 2), byte, byte, fc.array(eventRecord, { maxLength: 6 }))
      .map(([fn, counter, from, records]) => ({
        kind: 'events' as const,
        point: 0,
        fn,
        counter,
        from,
        to: (from + records.length) % 256,
        records,
      })),
  ),
  unit(
    0x10,
    'down',
    fc.record({
      kind: fc.constant('forward-request' as const),
      point: fc.constant(0),
      fn: fc.constant(1),
      port: byte,
      serial: fc.record({
        baud: fc.constantFrom(300, 600, 1200, 2400, 4800, 7200, 9600, 19200),
        stopBits: fc.constantFrom(1 as const, 2 as const),
        parity: fc.constantFrom('none' as const, 'even' as const, 'odd' as const),
        dataBits: fc.integer({ min: 5, max: 8 }),
      }),
      frameTimeout: fc.record({
        count: fc.integer({ min: 0, max: 127 }),
        unit: fc.constantFrom('10ms' as const, 's' as const),
      }),
      byteTimeout10Ms: byte,
      content: fc.uint8Array({ maxLength: 300 }),
    }),
  ),
  unit(
    0x10,
    'up',
    fc.record({
      kind: fc.constant('forward-reply' as const),
      point: fc.constant(0),
      fn: fc.constant(1),
      port: byte,
      content: fc.uint8Array({ maxLength: 300 }),
    }),
  ),
];

const address = fc.record({
  area: fc.array(fc.constantFrom(...'0123456789'), { minLength: 4, maxLength: 4 }).map((d) => d.join('')),
  terminal: fc.integer({ min: 0, max: 65535 }),
  master: fc.integer({ min: 0, max: 127 }),
  group: fc.boolean(),
});

const passwordAfns = new Set([0x01, 0x04, 0x05, 0x0f, 0x10]);

/** A whole message of one AFN and direction with one to four units of one function. */
export const message: fc.Arbitrary<Message> = fc.constantFrom(...unitCases).chain((unitCase) =>
  fc
    .record({
      primary: fc.boolean(),
      frameCountBit: fc.boolean(),
      frameCountValid: fc.boolean(),
      functionCode: fc.integer({ min: 0, max: 15 }),
      address,
      sequence: fc.record({
        first: fc.boolean(),
        final: fc.boolean(),
        confirm: fc.boolean(),
        number: fc.integer({ min: 0, max: 15 }),
      }),
      units: fc.array(unitCase.unit, { minLength: 1, maxLength: unitCase.alone === true ? 1 : 4 }),
      password: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      eventCounters: fc.option(fc.record({ important: byte, normal: byte }), { nil: undefined }),
      timeTag: fc.option(
        fc.record({
          frameCounter: byte,
          sentAt: fc.record({ day, hour, minute, second: minute }),
          allowedDelayMinutes: byte,
        }),
        { nil: undefined },
      ),
    })
    .map((m) => {
      const down = unitCase.direction === 'down';
      return {
        control: {
          direction: unitCase.direction,
          primary: m.primary,
          frameCountBit: down && m.frameCountBit,
          frameCountValid: down && m.frameCountValid,
          functionCode: m.functionCode,
        },
        address: m.address,
        afn: unitCase.afn,
        sequence: m.sequence,
        units: m.units,
        ...(down && passwordAfns.has(unitCase.afn) ? { password: m.password } : {}),
        ...(!down && m.eventCounters !== undefined ? { eventCounters: m.eventCounters } : {}),
        ...(m.timeTag === undefined ? {} : { timeTag: m.timeTag }),
      };
    }),
);

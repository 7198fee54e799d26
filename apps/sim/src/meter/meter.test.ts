import {
  decodeFrame,
  decodeItem,
  encodeFrame,
  type Frame,
  parseResponse1997,
  parseResponse2007,
  type Request2007,
  type Response2007,
  requestFrame1997,
  requestFrame2007,
} from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { DAY_MS, fromMeterDateTime, HOUR_MS } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { type MeterConfigInput, meterConfig } from './meter-config.ts';
import { pressProgramKey, setLoad } from './scenarios.ts';
import { meterAnswer } from './serial-interface.ts';

const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 0 }, 480);
const CREDENTIALS = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };

function meter(input: Partial<MeterConfigInput> = {}): SimMeter {
  return new SimMeter(meterConfig({ address: '000000000001', ...input }), START);
}

function ask(m: SimMeter, frame: Frame, simMs: number): Response2007 | undefined {
  const reply = meterAnswer(m, decodeFrame(encodeFrame(frame)), simMs);
  return reply === undefined ? undefined : parseResponse2007(decodeFrame(reply.frame));
}

function read(m: SimMeter, di: number, simMs = m.time) {
  const response = ask(m, requestFrame2007({ kind: 'read-data', address: m.address, di }), simMs);
  if (response?.kind !== 'read-data') return response;
  return decodeItem('2007', di, response.data).value;
}

describe('SimMeter', () => {
  it('is deterministic: the same seed gives the same registers however often it is read', () => {
    const a = meter({ seed: 5 });
    const b = meter({ seed: 5 });
    for (let h = 1; h <= 24; h++) a.advanceTo(START + h * HOUR_MS);
    b.advanceTo(START + DAY_MS);
    expect(a.registers.snapshot()).toEqual(b.registers.snapshot());
    expect(a.registers.total(0)).toBeGreaterThan(1_000);
    expect(meter({ seed: 6 }).registers.total(0)).toBe(0);
  });

  it('integrates power into integer Wh, split over the time-of-use tariffs', () => {
    const m = meter();
    setLoad(m, START, 1_000);
    m.advanceTo(START + DAY_MS);
    const forward = m.registers.wh[0] as number[];
    expect(forward[0]).toBeGreaterThanOrEqual(23_999);
    expect(forward[0]).toBeLessThanOrEqual(24_000);
    // Table in tariff.ts: 2 h sharp, 6 h peak, 8 h flat, 8 h valley.
    expect(forward[1]).toBeCloseTo(2_000, -1);
    expect(forward[4]).toBeCloseTo(8_000, -1);
    expect(read(m, 0x00010000)).toBe(Math.floor((forward[0] as number) / 10) / 100);
    expect(read(m, 0x0001ff00)).toHaveLength(5);
  });

  it('reads plausible instantaneous values, all-FF for phases a single-phase meter lacks', () => {
    const m = meter();
    setLoad(m, START, 2_200);
    const voltage = read(m, 0x0201ff00) as (number | null)[];
    expect(voltage[0]).toBeGreaterThan(205);
    expect(voltage[0]).toBeLessThan(235);
    expect(voltage.slice(1)).toEqual([null, null]);
    expect(read(m, 0x02030000)).toBeCloseTo(2.2, 3);
    expect(read(m, 0x02800002)).toBeGreaterThan(49.9);
    const three = meter({ phases: 3 });
    const currents = read(three, 0x0202ff00) as number[];
    expect(currents.every((a) => typeof a === 'number')).toBe(true);
  });

  it('answers an identifier it does not hold with "no requested data"', () => {
    // Reactive maximum demand: a real item the simulated meters do not model.
    const response = read(meter(), 0x01030000);
    expect(response).toMatchObject({ kind: 'abnormal', reasons: ['no-data'] });
  });

  it('refuses a write with a wrong password with "unauthorized" and takes the right one', () => {
    const m = meter({ prepaid: true });
    const write = (password: string) =>
      ask(
        m,
        requestFrame2007({
          kind: 'write-data',
          address: m.address,
          di: 0x04000f01,
          value: Uint8Array.of(0x00, 0x50, 0x00, 0x00),
          ...CREDENTIALS,
          password,
        }),
        m.time,
      );
    expect(write('654321')).toMatchObject({ kind: 'abnormal', reasons: ['unauthorized'] });
    expect(write('123456')).toMatchObject({ kind: 'ack' });
    expect(read(m, 0x04000f01)).toBe(50);
    expect(read(m, 0x03300000)).toBe(1);
  });

  it('trips and closes its relay by remote control, seen in power and status word 3 bit 4', () => {
    const m = meter();
    setLoad(m, START, 1_500);
    const control = (command: 'trip' | 'close-direct', at: number) =>
      ask(
        m,
        requestFrame2007({
          kind: 'remote-control',
          address: m.address,
          command,
          validUntil: { year: 2030, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
          ...CREDENTIALS,
        } as Request2007),
        at,
      );
    expect(control('trip', START + 60_000)).toMatchObject({ kind: 'ack' });
    const word3 = read(m, 0x04000503) as { raw: number };
    expect(word3.raw & 0x10).toBe(0x10);
    expect(read(m, 0x02030000)).toBe(0);
    expect(read(m, 0x1d000001)).toBe(1);
    expect(control('close-direct', START + 120_000)).toMatchObject({ kind: 'ack' });
    expect(((read(m, 0x04000503) as { raw: number }).raw & 0x10) === 0).toBe(true);
    expect(read(m, 0x02030000)).toBeCloseTo(1.5, 3);
    expect(read(m, 0x1e000001)).toBe(1);
    expect(read(m, 0x1d00ff01)).toMatchObject({ operatorCode: '00000001' });
  });

  it('freezes at midnight by its own clock and keeps the last 62', () => {
    const m = meter();
    setLoad(m, START, 500);
    m.advanceTo(START + 70 * DAY_MS + HOUR_MS);
    expect(m.records.dailyFreezes.count).toBe(70);
    expect(m.records.dailyFreezes.size).toBe(62);
    expect(read(m, 0x05060001)).toEqual({ year: 2026, month: 5, day: 11, hour: 0, minute: 0 });
    // 70 days at 12 kWh a day.
    expect(read(m, 0x05060101)).toEqual([840, 70, 210, 280, 280]);
    expect(read(m, 0x0506003f)).toMatchObject({ kind: 'abnormal' });
  });

  it('takes a broadcast time only within ±5 min of its clock, once a day, and never answers it', () => {
    const m = meter({ clockOffsetMs: 90_000 });
    const sync = (at: number, offsetMs: number) =>
      meterAnswer(
        m,
        decodeFrame(
          encodeFrame(requestFrame2007({ kind: 'broadcast-time-sync', time: wall(at + offsetMs) })),
        ),
        at,
      );
    expect(sync(START + HOUR_MS, 0)).toBeUndefined();
    expect(Math.round(m.meterClock(START + HOUR_MS) - (START + HOUR_MS))).toBe(0);
    expect(read(m, 0x03300400)).toBe(1);
    sync(START + 2 * HOUR_MS, 60_000);
    expect(Math.round(m.meterClock(START + 2 * HOUR_MS) - (START + 2 * HOUR_MS))).toBe(0);
    const far = meter({ clockOffsetMs: 10 * 60_000 });
    meterAnswer(
      far,
      decodeFrame(encodeFrame(requestFrame2007({ kind: 'broadcast-time-sync', time: wall(START) }))),
      START,
    );
    expect(Math.round(far.meterClock(START) - START)).toBe(600_000);
  });

  it('answers a 1997 read and ignores frames of the other edition', () => {
    const m = meter({ edition: '1997' });
    setLoad(m, START, 1_000);
    m.advanceTo(START + HOUR_MS);
    const reply = meterAnswer(
      m,
      decodeFrame(encodeFrame(requestFrame1997({ kind: 'read-data', address: m.address, di: 0x9010 }))),
      m.time,
    );
    const response = reply === undefined ? undefined : parseResponse1997(decodeFrame(reply.frame));
    expect(response?.kind).toBe('read-data');
    if (response?.kind === 'read-data') expect(decodeItem('1997', 0x9010, response.data).value).toBe(1);
    expect(read(m, 0x00010000)).toBeUndefined();
  });

  it('1997: a write with a wrong password gets the 1997 error word "password"; the right one sets the clock', () => {
    const m = meter({ edition: '1997' });
    const write = (password: string) => {
      const frame = requestFrame1997({
        kind: 'write-data',
        address: m.address,
        di: 0xc011,
        passwordLevel: 2,
        password,
        // 12:34:56, ss mm hh low byte first.
        value: Uint8Array.of(0x56, 0x34, 0x12),
      });
      const reply = meterAnswer(m, decodeFrame(encodeFrame(frame)), m.time);
      return reply === undefined ? undefined : parseResponse1997(decodeFrame(reply.frame));
    };
    expect(write('000000')).toMatchObject({ kind: 'abnormal', reasons: ['password'] });
    expect(write('123456')).toMatchObject({ kind: 'ack' });
    expect(new Date(m.meterClock(m.time) + 480 * 60_000).toISOString().slice(11, 19)).toBe('12:34:56');
  });

  it('changes its address only while the programming key is pressed, and answers at the new address', () => {
    const m = meter();
    const frame = requestFrame2007({
      kind: 'write-address',
      address: 'AAAAAAAAAAAA',
      newAddress: '000000000042',
    });
    expect(ask(m, frame, m.time)).toBeUndefined();
    pressProgramKey(m, m.time);
    expect(ask(m, frame, m.time)).toEqual({
      kind: 'ack',
      address: '000000000042',
      function: 'write-address',
    });
    expect(read(m, 0x04000401)).toBe('000000000042');
  });
});

function wall(epochMs: number) {
  const d = new Date(epochMs + 480 * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

describe('maximum demand', () => {
  it('is the largest 15-minute sliding average, per tariff, with its time; demand clear resets it', () => {
    const m = meter();
    setLoad(m, START, 1_000);
    // 08:00-08:10 local (peak tariff 2) at 4 kW, then back to 1 kW.
    const peakStart = START + 8 * HOUR_MS;
    setLoad(m, peakStart, 4_000);
    setLoad(m, peakStart + 10 * 60_000, 1_000);
    m.advanceTo(START + 12 * HOUR_MS);
    // Best window: 10 min at 4 kW + 5 at 1 kW = 3 kW, reached at 08:10 and held until 08:15.
    expect(read(m, 0x01010000)).toEqual({
      demand: 3,
      time: { year: 2026, month: 3, day: 2, hour: 8, minute: 10 },
    });
    expect((read(m, 0x01010200) as { demand: number }).demand).toBe(3);
    expect((read(m, 0x01010400) as { demand: number }).demand).toBe(1);
    expect(read(m, 0x02800004)).toBe(1);
    ask(m, requestFrame2007({ kind: 'clear-max-demand', address: m.address, ...CREDENTIALS }), m.time);
    // A maximum not yet reached is sent as zeros, which the codec reads as no time (no month 0 exists).
    expect(read(m, 0x01010000)).toEqual({ demand: 0, time: null });
    expect(read(m, 0x03300200)).toBe(1);
  });
});

describe('hourly freezes', () => {
  it('freeze the active totals on every hour of the meter clock, the last 254 kept', () => {
    const m = meter();
    setLoad(m, START, 1_000);
    m.advanceTo(START + 300 * HOUR_MS + 60_000);
    expect(read(m, 0x05040001)).toEqual({ year: 2026, month: 3, day: 14, hour: 12, minute: 0 });
    expect(read(m, 0x05040101)).toBe(300);
    expect(read(m, 0x05040201)).toBe(0);
    expect(read(m, 0x050401fe)).toBe(47);
    expect(read(m, 0x050401ff)).toMatchObject({ kind: 'abnormal' });
  });
});

describe('clock drift', () => {
  it('a meter 100 ppm fast is 8.64 s ahead after a day and freezes by its own midnight', () => {
    const m = meter({ clockDriftPpm: 100 });
    m.advanceTo(START + DAY_MS - 5_000);
    expect(m.records.dailyFreezes.count).toBe(1);
    expect(Math.round(m.meterClock(m.time) - m.time)).toBe(8_640);
    expect(read(m, 0x04000102)).toEqual({ hour: 0, minute: 0, second: 3 });
  });
});

describe('fast-forward', () => {
  it('meters a month in coarse steps within 1 % of minute steps, with every freeze and the demand', () => {
    const fine = meter({ peakPowerW: 4_000 });
    const coarse = meter({ peakPowerW: 4_000 });
    const end = START + 30 * DAY_MS;
    fine.advanceTo(end);
    for (let t = START + HOUR_MS; t <= end; t += HOUR_MS)
      coarse.fastForward(t, { stepMs: HOUR_MS, chargeBalance: true });
    const fineWh = fine.registers.total(0);
    expect(Math.abs(coarse.registers.total(0) - fineWh) / fineWh).toBeLessThan(0.01);
    expect(coarse.records.dailyFreezes.count).toBe(fine.records.dailyFreezes.count);
    expect(read(coarse, 0x05060001)).toEqual(read(fine, 0x05060001));
    expect(read(coarse, 0x05040001)).toEqual(read(fine, 0x05040001));
    // An hour of equal minutes: the demand is that hour's average power, never zero.
    const demand = read(coarse, 0x01010000) as { demand: number };
    expect(demand.demand).toBeGreaterThan(0);
    expect(demand.demand).toBeLessThanOrEqual((read(fine, 0x01010000) as { demand: number }).demand * 1.5);
  });

  it('can meter without drawing on the prepaid balance, and skip load records it would drop', () => {
    const m = meter({
      prepaid: { initialRemainingWh: 5_000, alarmEnergyWh: 1_000, creditLimitWh: 0, hoardingLimitWh: 99_000 },
    });
    setLoad(m, START, 2_000);
    m.fastForward(START + 5 * DAY_MS, { stepMs: 15 * 60_000, chargeBalance: false, loadRecords: false });
    expect(m.registers.total(0)).toBeGreaterThan(200_000);
    expect(m.prepaid?.remainingWh).toBe(5_000);
    expect(m.relayOpen).toBe(false);
    expect(m.loadRecords.count).toBe(0);
    // From here on the balance is drawn on as usual.
    m.advanceTo(START + 5 * DAY_MS + 3 * HOUR_MS);
    expect(m.prepaid?.remainingWh).toBe(0);
    expect(m.relayOpen).toBe(true);
  });

  it('refuses a step that does not divide an hour into whole minutes', () => {
    expect(() => meter().fastForward(START + HOUR_MS, { stepMs: 7 * 60_000, chargeBalance: true })).toThrow(
      /dividing an hour/,
    );
  });
});

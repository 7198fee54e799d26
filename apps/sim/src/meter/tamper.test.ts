// Tamper scenarios of the anti-theft metering box (003; DOMAIN.md §6) as the meter records them.
import { decodeFrame, encodeFrame, parseResponse2007, requestFrame2007 } from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { fromMeterDateTime, HOUR_MS } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { meterConfig } from './meter-config.ts';
import { setBypass, setCoverOpen, setLoad, setPowerDown, setReversed } from './scenarios.ts';
import { meterAnswer } from './serial-interface.ts';

const START = fromMeterDateTime({ year: 2026, month: 3, day: 2, hour: 8 }, 480);
const make = () => new SimMeter(meterConfig({ address: '000000000011' }), START);

describe('tamper scenarios', () => {
  it('records the cover opened and closed with the energies at each', () => {
    const m = make();
    setLoad(m, START, 1_000);
    setCoverOpen(m, START + HOUR_MS, 'meter', true);
    setCoverOpen(m, START + 2 * HOUR_MS, 'meter', false);
    setCoverOpen(m, START + 3 * HOUR_MS, 'terminal', true);
    const record = m.records.coverOpens.last(1);
    expect(m.records.coverOpens.count).toBe(1);
    expect(record?.startTotals[0]).toBe(1_000);
    expect(record?.endTotals?.[0]).toBe(2_000);
    expect(m.records.terminalCoverOpens.last(1)?.endMs).toBeUndefined();
    // 事件清零 of the cover records only (§7.12, block identifier 03300DFF).
    const clear = requestFrame2007({
      kind: 'event-clear',
      address: m.address,
      di: 0x03300dff,
      passwordLevel: 2,
      password: '123456',
      operatorCode: '00000009',
    });
    const reply = meterAnswer(m, decodeFrame(encodeFrame(clear)), START + 4 * HOUR_MS);
    expect(reply === undefined ? undefined : parseResponse2007(decodeFrame(reply.frame)).kind).toBe('ack');
    expect(m.records.coverOpens.count).toBe(0);
    expect(m.records.terminalCoverOpens.count).toBe(1);
    expect(m.records.eventClears.last(1)).toMatchObject({
      operatorCode: '00000009',
      dataIdentifier: 0x03300dff,
    });
  });

  it('a meter wired backwards counts reverse energy and records reverse power', () => {
    const m = make();
    setLoad(m, START, 1_000);
    setReversed(m, START, true);
    m.advanceTo(START + HOUR_MS);
    expect(m.registers.total(1)).toBe(1_000);
    expect(m.registers.total(0)).toBe(0);
    expect(m.electrical.totalActiveW).toBeLessThan(0);
    expect(m.records.reversePower[0]?.starts.count).toBe(1);
  });

  it('a bypass: the household draws more, the meter sees less, the neutral current tells', () => {
    const m = make();
    setLoad(m, START, 1_000);
    setBypass(m, START, 0.75, 1_000);
    m.advanceTo(START + HOUR_MS);
    expect(Math.round(m.household.trueEnergyWh)).toBe(2_000);
    expect(m.registers.total(0)).toBe(500);
    expect(m.electrical.neutralA).toBeGreaterThan(3.5 * Math.abs(m.electrical.currentA[0] as number));
  });

  it('a power cut stops metering and is recorded with its start and end', () => {
    const m = make();
    setLoad(m, START, 1_000);
    setPowerDown(m, START + HOUR_MS, true);
    setPowerDown(m, START + 3 * HOUR_MS, false);
    m.advanceTo(START + 4 * HOUR_MS);
    expect(m.registers.total(0)).toBe(2_000);
    expect(m.records.powerDowns.count).toBe(1);
    expect((m.records.powerDowns.last(1)?.endMs ?? 0) - (m.records.powerDowns.last(1)?.startMs ?? 0)).toBe(
      2 * HOUR_MS,
    );
  });

  it('over-current above the maximum current is recorded', () => {
    const m = make();
    setLoad(m, START, 12_000);
    m.advanceTo(START + HOUR_MS);
    expect(m.records.overCurrent[0]?.starts.count).toBe(1);
    expect(m.records.overCurrent[0]?.totalMinutes(m.meterClock(m.time))).toBe(60);
  });
});

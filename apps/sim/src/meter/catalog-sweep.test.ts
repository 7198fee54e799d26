// Every identifier of the protocol library's catalog gets a well-formed answer: data the catalog decodes,
// or 无请求数据 for what the meter does not model; never an encoding failure ("other") or silence.
import {
  decodeFrame,
  decodeItem,
  di2007,
  encodeFrame,
  listedItems,
  parseResponse1997,
  parseResponse2007,
  requestFrame1997,
  requestFrame2007,
} from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { DAY_MS, fromMeterDateTime } from '../time/local-time.ts';
import { SimMeter } from './meter.ts';
import { meterConfig } from './meter-config.ts';
import { freezeNow, setCoverOpen, setLoad } from './scenarios.ts';
import { meterAnswer } from './serial-interface.ts';

const START = fromMeterDateTime({ year: 2026, month: 3, day: 30, hour: 0 }, 480);

function busyMeter(phases: 1 | 3, edition: '2007' | '1997', prepaid: boolean): SimMeter {
  const m = new SimMeter(
    meterConfig({ address: '000000000001', phases, edition, prepaid, capacityLimit: { maxPowerW: 50_000 } }),
    START,
  );
  setLoad(m, START, 3_000);
  setCoverOpen(m, START + 1_000, 'meter', true);
  m.purchase(START + 2_000, { meterNumber: '000000000001', purchaseCount: 1, energyWh: 50_000 });
  freezeNow(m, START + 3_000);
  m.advanceTo(START + 3 * DAY_MS);
  return m;
}

/** Identifiers the catalog resolves from their bytes rather than listing: a sample of each family. */
function computed2007(): number[] {
  const ids: number[] = [];
  for (const di2 of [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x09, 0x15, 0x16, 0x29, 0x3d])
    for (const di1 of [0x00, 0x01, 0x04, 0xff])
      for (const di0 of [0x00, 0x01]) ids.push(di2007(0, di2, di1, di0));
  for (const di2 of [0x01, 0x02, 0x03])
    for (const di1 of [0x00, 0x02, 0xff]) ids.push(di2007(1, di2, di1, 0));
  for (const di2 of [1, 2, 3, 4, 5, 6, 7, 8])
    for (const di1 of [0, 1, 2, 3, 0xff]) ids.push(di2007(2, di2, di1, 0));
  for (const di1 of [0x00, 0x01, 0x02, 0x05, 0x09, 0x0a, 0x10])
    for (const di0 of [1, 2]) {
      ids.push(di2007(5, 6, di1, di0));
      ids.push(di2007(5, 1, di1, 1));
    }
  for (const di1 of [0x00, 0x01, 0x02]) for (const di0 of [1, 2, 72]) ids.push(di2007(5, 4, di1, di0));
  return ids;
}

describe('catalog sweep', () => {
  for (const phases of [1, 3] as const) {
    for (const prepaid of [true, false]) {
      it(`2007, ${phases}-phase, ${prepaid ? 'prepaid' : 'not prepaid'}`, () => {
        const m = busyMeter(phases, '2007', prepaid);
        const ids = [...listedItems('2007').map((item) => item.di), ...computed2007()];
        let answered = 0;
        for (const di of ids) {
          const reply = meterAnswer(
            m,
            decodeFrame(encodeFrame(requestFrame2007({ kind: 'read-data', address: m.address, di }))),
            m.time,
          );
          expect(reply, di.toString(16)).toBeDefined();
          if (reply === undefined) continue;
          const response = parseResponse2007(decodeFrame(reply.frame));
          if (response.kind === 'abnormal') {
            expect(response.reasons, di.toString(16)).toEqual(['no-data']);
            continue;
          }
          expect(response.kind).toBe('read-data');
          if (response.kind === 'read-data') {
            expect(() => decodeItem('2007', di, response.data), di.toString(16)).not.toThrow();
            answered++;
          }
        }
        expect(answered).toBeGreaterThan(240);
      });
    }
  }

  it('1997, three-phase', () => {
    const m = busyMeter(3, '1997', false);
    let answered = 0;
    for (const item of listedItems('1997')) {
      const reply = meterAnswer(
        m,
        decodeFrame(encodeFrame(requestFrame1997({ kind: 'read-data', address: m.address, di: item.di }))),
        m.time,
      );
      expect(reply).toBeDefined();
      if (reply === undefined) continue;
      const response = parseResponse1997(decodeFrame(reply.frame));
      if (response.kind === 'abnormal') {
        expect(response.reasons, item.di.toString(16)).toEqual(['bad-identifier']);
        continue;
      }
      if (response.kind === 'read-data') {
        expect(() => decodeItem('1997', item.di, response.data)).not.toThrow();
        answered++;
      }
    }
    expect(answered).toBeGreaterThan(100);
  });
});

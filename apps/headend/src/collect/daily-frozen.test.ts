import { type DecodedFrame, encodeItem, parseRequest2007, responseFrame2007 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { busOverScript, type ScriptedReply } from '../../test/scripted-terminal.ts';
import { MeterClient } from '../link/meter-client.ts';
import { dailyFrozenGaps } from '../plans/daily-frozen-gaps.ts';
import { collectDailyFreezes } from './daily-frozen.ts';

const METER = '000000000001';

/** A meter whose n-th last daily freeze is FREEZES[n - 1]; it skipped 11-20 (no power that midnight). */
const FREEZES = ['2026-11-22', '2026-11-21', '2026-11-19', '2026-11-18'].map((date, i) => ({
  date,
  energy: 1000 - i * 10,
}));

function script(frame: DecodedFrame): ScriptedReply | undefined {
  const request = parseRequest2007(frame);
  if (request.kind !== 'read-data') return undefined;
  const n = request.di & 0xff;
  const kind = (request.di >>> 8) & 0xff;
  const freeze = FREEZES[n - 1];
  const value =
    freeze === undefined
      ? null
      : kind === 0
        ? (([year, month, day]) => ({ year, month, day, hour: 0, minute: 0 }))(
            freeze.date.split('-').map(Number) as [number, number, number],
          )
        : [freeze.energy * (kind === 1 ? 1 : 0.01), 0, 0, 0, 0].map((v) => Math.round(v * 100) / 100);
  const data = encodeItem('2007', request.di, value);
  return {
    frame: responseFrame2007({ kind: 'read-data', address: METER, di: request.di, data, followUp: false }),
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe('daily freeze gap filling', () => {
  it('finds each missing day’s freeze by its time, and reports the days the meter never froze', async () => {
    const { bus, close } = await busOverScript(script);
    cleanup.push(close);
    const gaps = dailyFrozenGaps(new Set(['2026-11-21']), '2026-11-18', '2026-11-22');
    const outcome = await collectDailyFreezes(
      new MeterClient(bus),
      { address: METER, edition: '2007' },
      gaps,
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.freezes.map((f) => [f.date, f.forwardActive[0]])).toEqual([
      ['2026-11-18', 970],
      ['2026-11-19', 980],
      ['2026-11-22', 1000],
    ]);
    expect(outcome.missing).toEqual([
      {
        date: '2026-11-20',
        reason: expect.stringMatching(/no freeze/),
        why: { code: 'no-freeze', params: { days: ['2026-11-20'] } },
      },
    ]);
  });
});

// A daily-frozen run: each meter's missing daily freezes of the last 62 days (since it was stocked in)
// collected and stored, the days it no longer holds or never froze recorded with the meter's outcome.
import { addDays, localDate } from '@openami/domain';
import { collectDailyFreezes, dailyFreezeRows, missingDaysReason } from '../collect/daily-frozen.ts';
import { dailyFrozenGaps } from '../plans/daily-frozen-gaps.ts';
import { reasonColumns } from '../reasons.ts';
import type { CollectorCore } from './core.ts';
import type { RunRecorder } from './run-recorder.ts';
import type { Summed } from './run-request.ts';

export async function dailyFreezes(
  core: CollectorCore,
  meterIds: readonly number[],
  recorder: RunRecorder,
): Promise<Summed> {
  const { store, timeZone } = core;
  const today = localDate(core.now(), timeZone);
  const windowStart = addDays(today, -61);
  let stored = 0;
  let lost = 0;
  const results = await core.started().perMeter(async (client, meter) => {
    const started = core.now();
    const meterId = meter.id;
    const row = await store.meters.get(meterId);
    const since =
      row === undefined ? windowStart : maxDate(windowStart, localDate(row.stockedInAt, timeZone));
    const have = new Set((await store.readings.dailyFrozen(meterId, since, today)).map((r) => r.day));
    const gaps = dailyFrozenGaps(have, since, today);
    const outcome = await collectDailyFreezes(
      client,
      { address: meter.address, edition: meter.edition },
      gaps,
    );
    const receivedAt = core.now();
    const rows = dailyFreezeRows(meterId, outcome.freezes, timeZone, receivedAt);
    if (rows.length > 0) await store.readings.insertDailyFrozen(rows);
    stored += rows.length;
    lost += outcome.missing.length;
    const why = outcome.failure?.why ?? missingDaysReason(outcome.missing);
    recorder.add({
      runId: 0,
      meterId,
      terminalId: meter.terminalId,
      portNo: meter.portNo,
      status: outcome.failure === undefined ? 'complete' : 'unreachable',
      reason:
        outcome.failure?.message ??
        (outcome.missing.length === 0
          ? null
          : `${outcome.missing.length} day(s) no longer held by the meter: ${outcome.missing.map((m) => m.date).join(', ')}`.slice(
              0,
              500,
            )),
      ...reasonColumns(why),
      attempts: 1,
      durationMs: core.now() - started,
      clockOffsetMs: null,
    });
    return outcome;
  }, meterIds);
  const failed = results.filter((r) => r.result.failure !== undefined).length;
  return {
    text: `${stored} daily freezes stored from ${results.length} meters, ${lost} day(s) not collectable, ${failed} meter(s) failed`,
    coded: { code: 'daily-frozen-summary', params: { stored, meters: results.length, lost, failed } },
  };
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

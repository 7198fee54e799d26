// A clock-check run: every meter's date and time read (A.5, 04000101 and 04000102), its deviation from the
// station's clock recorded with its outcome and told the observer; a meter beyond the threshold is logged.
// A meter whose date or time no calendar has (month 13, hour 25: the codec refuses it as `bad-date-time`)
// has a broken clock: logged and told the observer, which raises `clock-invalid`.
import type { MeterDateTime } from '@openami/protocol';
import { clockDeviationMs, DEFAULT_CLOCK_THRESHOLD_MS } from '../plans/clock.ts';
import type { CollectorCore } from './core.ts';
import { outcomeRow, type RunRecorder } from './run-recorder.ts';
import type { Summed } from './run-request.ts';

const DATE = 0x04000101;
const TIME = 0x04000102;

export async function clockCheck(
  core: CollectorCore,
  meterIds: readonly number[],
  recorder: RunRecorder,
): Promise<Summed> {
  const threshold = core.options.clockThresholdMs ?? DEFAULT_CLOCK_THRESHOLD_MS;
  let flagged = 0;
  const report = await core.started().read([DATE, TIME], {
    meterIds,
    onOutcome: (outcome) => {
      const date = outcome.readings.find((r) => r.di === DATE)?.value as MeterDateTime | undefined;
      const time = outcome.readings.find((r) => r.di === TIME)?.value as MeterDateTime | undefined;
      const impossible = outcome.failures.find(
        (f) => f.why.code === 'bad-frame' && f.why.params.problem === 'bad-date-time',
      );
      if (impossible !== undefined) {
        const problem = impossible.message;
        core.log(`clock: meter ${outcome.meterId} sent an impossible date or time: ${problem}`);
        core.observe((observer) => observer.clockRead(outcome.meterId, problem));
      } else if (date != null && time != null) {
        core.observe((observer) => observer.clockRead(outcome.meterId, null));
      }
      let deviation: number | null = null;
      if (date !== undefined && time !== undefined) {
        try {
          deviation = clockDeviationMs(date, time, core.now(), core.timeZone);
        } catch {
          deviation = null;
        }
      }
      if (deviation !== null && Math.abs(deviation) > threshold) {
        flagged++;
        core.log(
          `clock: meter ${outcome.meterId} is ${Math.round(Math.abs(deviation) / 1000)} s ${deviation > 0 ? 'fast' : 'slow'}`,
        );
      }
      recorder.add(outcomeRow(outcome, core.meter(outcome.meterId), deviation));
      if (deviation !== null) {
        const offsetMs = deviation;
        core.observe((observer) => observer.clockChecked(outcome.meterId, offsetMs));
      }
    },
  });
  const params = { meters: report.outcomes.length, flagged, thresholdMinutes: threshold / 60_000 };
  return {
    text: `${params.meters} clocks checked, ${flagged} beyond ${params.thresholdMinutes} min`,
    coded: { code: 'clock-summary', params },
  };
}

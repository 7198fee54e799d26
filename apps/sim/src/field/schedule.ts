// Scenarios a description schedules at simulated times (a cover opened at 20:00, a bypass the next day), so
// a demo or a head-end test sees events happen without anyone calling the control API.
import { runScenario, type Scenario, type ScenarioField } from './scenario.ts';

export interface ScheduledScenario {
  /** Simulated time, ISO 8601. */
  readonly at: string;
  readonly meter: string;
  readonly scenario: Scenario;
}

/** Arms a timer per scenario; returns a function that disarms those not yet run. */
export function scheduleScenarios(field: ScenarioField, scenarios: readonly ScheduledScenario[]): () => void {
  const timers = scenarios.map((entry) => {
    const dueSimMs = Date.parse(entry.at);
    const realDelayMs = Math.max(0, (dueSimMs - field.clock.now()) / field.clock.timeFactor);
    return setTimeout(() => runScenario(field, entry.meter, entry.scenario), realDelayMs);
  });
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}

// Collecting yesterday's daily freeze (time, forward and reverse active energy: three exchanges a meter) from
// 10 000 meters on 400 buses at 2400 baud, against the bound of the wire. The simulated field starts an hour
// before local midnight at 120× speed (time to start every terminal before midnight), and collection begins
// once the field is five simulated minutes past midnight, so that every meter has frozen its day.
import { HeadEnd } from '@openami/headend';
import { wireTimeMs } from '@openami/protocol';
import { type Figure, machine, printFigures } from './_figures.ts';
import { configOf, processCpuSeconds, startSim } from './_headend-field.ts';

const BAUD = 2400;
const BUSES = Number(process.env.BENCH_BUSES ?? 400);
const METERS_PER_BUS = Number(process.env.BENCH_METERS_PER_BUS ?? 25);
const ITEMS = [0x05060001, 0x05060101, 0x05060201];
// Request 4 FE + 12 + DI; replies: 12 + DI + data (5-byte time, 20-byte energy blocks) after 2 FE on average.
const EXCHANGE_BYTES = [20 + 12 + 4 + 5 + 2, 20 + 12 + 4 + 20 + 2, 20 + 12 + 4 + 20 + 2];

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const TIME_FACTOR = 120;
const startMs = Date.parse(`${today}T23:00:00+08:00`);
const sim = await startSim(BUSES, METERS_PER_BUS, BAUD, {
  start: new Date(startMs).toISOString(),
  timeFactor: TIME_FACTOR,
});
if (sim.simNow > startMs + 3_600_000)
  process.stdout.write('warning: the field took past midnight to start\n');
const headEnd = new HeadEnd(configOf(sim.host, sim.meters, BAUD), { attempts: 3 });
try {
  await headEnd.start();
  // Five simulated minutes past midnight: past it even for a meter whose clock is 90 s slow.
  const waitMs = (startMs + 65 * 60_000 - sim.simNow) / TIME_FACTOR;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
  const meanDelay = (sim.meters[0]?.delay.min ?? 40) / 2 + (sim.meters[0]?.delay.max ?? 80) / 2;
  const perMeterMs = EXCHANGE_BYTES.reduce((sum, bytes) => sum + wireTimeMs(bytes, BAUD) + meanDelay, 0);
  const boundMs = perMeterMs * METERS_PER_BUS;
  const cpuBefore = process.cpuUsage();
  const simCpuBefore = processCpuSeconds(sim.child.pid);
  const started = performance.now();
  const report = await headEnd.read(ITEMS);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const frozenToday = report.outcomes.filter((o) => {
    const time = o.readings.find((r) => r.di === 0x05060001)?.value as { day?: number } | null | undefined;
    return time?.day !== undefined;
  }).length;
  process.stdout.write(
    `machine: ${machine()}\n${sim.meters.length} meters on ${BUSES} buses: collected in ${(wallMs / 1000).toFixed(1)} s, ` +
      `bound ${(boundMs / 1000).toFixed(1)} s (${((boundMs / wallMs) * 100).toFixed(1)} % of it), ` +
      `success ${(report.successRate * 100).toFixed(2)} % (${frozenToday} with a freeze time), ` +
      `head-end CPU ${(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)} % of a core, ` +
      `simulator CPU ${(((processCpuSeconds(sim.child.pid) - simCpuBefore) / (wallMs / 1000)) * 100).toFixed(0)} %\n`,
  );
  const reasons = new Map<string, number>();
  for (const outcome of report.outcomes) {
    for (const failure of outcome.failures) {
      const key = `${failure.reason}: ${failure.message.replace(/\d{12}/g, '…')}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  for (const [reason, count] of reasons) process.stdout.write(`  ${count} × ${reason}\n`);
  const figures: Figure[] = [
    {
      bench: 'headend-daily',
      metric: `wall_s_${sim.meters.length}_meters_${BUSES}_buses`,
      value: Number((wallMs / 1000).toFixed(1)),
      target: `bound ${(boundMs / 1000).toFixed(1)} s`,
    },
    {
      bench: 'headend-daily',
      metric: 'bound_ratio',
      value: Number((boundMs / wallMs).toFixed(3)),
      target: '>=0.95',
    },
    {
      bench: 'headend-daily',
      metric: 'success_rate',
      value: Number(report.successRate.toFixed(4)),
      target: '1',
    },
  ];
  printFigures(figures);
} finally {
  await headEnd.stop();
  sim.child.kill('SIGTERM');
}

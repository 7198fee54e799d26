// Head-end throughput against the physical bound of the wire, for 1, 8, 80 and 800 RS-485 buses at 2400 baud.
// The simulator runs in its own process. Every bus reads its meters back to back for a fixed window; the
// bound for a bus is 1 / (wire time of request and reply + the meter's mean response delay).
import { HeadEnd } from '@openami/headend';
import { wireTimeMs } from '@openami/protocol';
import { type Figure, machine, printFigures } from './_figures.ts';
import { configOf, processCpuSeconds, type SimMeter, startSim } from './_headend-field.ts';

const BAUD = 2400;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 15_000);
const ROWS = (process.env.BENCH_BUSES ?? '1,8,80,800').split(',').map(Number);
const ENERGY = 0x00010000;
// Request: 4 FE + 12 + DI; reply: 12 + DI + 4-byte energy, after the meter's 0–4 FE (2 on average).
const EXCHANGE_BYTES = 4 + 12 + 4 + (2 + 12 + 8);

async function row(buses: number): Promise<{
  ratio: number;
  readsPerSecond: number;
  bound: number;
  cpu: number;
  simCpu: number;
  rssMiB: number;
}> {
  const sim = await startSim(buses, 4, BAUD);
  const config = configOf(sim.host, sim.meters, BAUD);
  const idOf = new Map(config.meters.map((meter) => [meter.address, meter.id]));
  const headEnd = new HeadEnd(config, { attempts: 1 });
  try {
    await headEnd.start();
    const byBus = new Map<string, SimMeter[]>();
    for (const meter of sim.meters) {
      const key = `${meter.terminalId}#${meter.portNo}`;
      byBus.set(key, [...(byBus.get(key) ?? []), meter]);
    }
    const meanDelay = (sim.meters[0]?.delay.min ?? 40) / 2 + (sim.meters[0]?.delay.max ?? 80) / 2;
    const bound = byBus.size / ((wireTimeMs(EXCHANGE_BYTES, BAUD) + meanDelay) / 1000);
    // Warm up (connections, JIT), then measure.
    await Promise.all(
      [...byBus.values()].map((meters) =>
        headEnd.read([ENERGY], { meterIds: meters.map((m) => idOf.get(m.address) ?? 0) }),
      ),
    );
    let reads = 0;
    const cpuBefore = process.cpuUsage();
    const simCpuBefore = processCpuSeconds(sim.child.pid);
    const started = performance.now();
    const deadline = started + WINDOW_MS;
    await Promise.all(
      [...byBus.values()].map(async (meters) => {
        // One collection run after another over the bus's meters, as plans do.
        const meterIds = meters.map((m) => idOf.get(m.address) ?? 0);
        while (performance.now() < deadline) {
          const report = await headEnd.read([ENERGY], { meterIds });
          reads += report.outcomes.filter((o) => o.status === 'complete').length;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const simCpu = (processCpuSeconds(sim.child.pid) - simCpuBefore) / (elapsed / 1000);
    const readsPerSecond = reads / (elapsed / 1000);
    return {
      ratio: readsPerSecond / bound,
      readsPerSecond,
      bound,
      cpu: (cpu.user + cpu.system) / 1000 / elapsed,
      simCpu,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    await headEnd.stop();
    sim.child.kill('SIGTERM');
  }
}

process.stdout.write(`machine: ${machine()}; ${WINDOW_MS / 1000} s per row, 4 meters a bus, ${BAUD} baud\n`);
const figures: Figure[] = [];
for (const buses of ROWS) {
  const result = await row(buses);
  process.stdout.write(
    `${String(buses).padStart(4)} buses: ${result.readsPerSecond.toFixed(1)} reads/s of a bound of ${result.bound.toFixed(1)} ` +
      `(${(result.ratio * 100).toFixed(1)} %), head-end CPU ${(result.cpu * 100).toFixed(1)} % of a core, RSS ${result.rssMiB.toFixed(0)} MiB; simulator CPU ${(result.simCpu * 100).toFixed(0)} %\n`,
  );
  figures.push({
    bench: 'headend',
    metric: `bound_ratio_${buses}_buses`,
    value: Number(result.ratio.toFixed(3)),
    target: '>=0.95',
  });
  if (buses === 800)
    figures.push({
      bench: 'headend',
      metric: 'cpu_cores_800_buses',
      value: Number(result.cpu.toFixed(3)),
      target: '<0.5',
    });
}
printFigures(figures);

// Field simulator capacity, run by hand: `npm run bench -- sim` (or `npx tsx bench/sim.ts`).
// Starts a generated field (default 10 000 meters on 400 RS-485 ports at 2400 baud: 50 DH608 terminals ×
// 8 ports × 25 meters) in a child process, and from this process keeps every bus busy over TCP on
// 127.0.0.1: one master per port reading the port's meters round-robin, a new request as soon as the last
// reply (or a 1 s timeout) is in. Reports the child's CPU (cores) and memory while loaded, exchanges per
// second and the share answered. Sizes: SIM_BENCH_TERMINALS, SIM_BENCH_METERS_PER_PORT, SIM_BENCH_SECONDS.
// The last lines are one JSON object per figure.
import { type ChildProcess, fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Deframer, encodeFrame, requestFrame2007 } from '@openami/protocol';
import { generateField, startField, type TerminalListing } from '@openami/sim';
import { type Figure, machine, printFigures } from './_figures.ts';

const CHILD_FLAG = '--sim-bench-field';
const terminals = Number(process.env.SIM_BENCH_TERMINALS ?? 50);
const portsPerTerminal = 8;
const metersPerPort = Number(process.env.SIM_BENCH_METERS_PER_PORT ?? 25);
const measureSeconds = Number(process.env.SIM_BENCH_SECONDS ?? 20);
const warmUpSeconds = 5;
const baud = 2400;
const replyTimeoutMs = 1_000;
const generator = { terminals, ports: portsPerTerminal, metersPerPort, seed: 1, baud };

type ChildMessage =
  | { readonly kind: 'ready'; readonly listing: TerminalListing[]; readonly startupMs: number }
  | {
      readonly kind: 'usage';
      readonly cpuMs: number;
      readonly wallMs: number;
      readonly rssBytes: number;
      readonly heapBytes: number;
    };

/** The child: the field alone in its process, so its CPU and memory are the simulator's. */
async function runField(): Promise<void> {
  const started = performance.now();
  const field = await startField(generateField(generator));
  const send = (message: ChildMessage) => process.send?.(message);
  send({ kind: 'ready', listing: field.listing(), startupMs: performance.now() - started });
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  process.on('message', async (message: string) => {
    if (message === 'start') {
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    } else if (message === 'sample') {
      const cpu = process.cpuUsage(cpuStart);
      const memory = process.memoryUsage();
      send({
        kind: 'usage',
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - wallStart,
        rssBytes: memory.rss,
        heapBytes: memory.heapUsed,
      });
    } else if (message === 'stop') {
      await field.stop();
      process.exit(0);
    }
  });
}

/** The parent: one busy master per port. */
async function runLoad(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { execArgv: ['--import', 'tsx'] });
  let masters: BusyMaster[] = [];
  try {
    const ready = await nextMessage(child, 'ready');
    const ports = ready.listing.flatMap((terminal, t) =>
      terminal.ports.map((port, p) => ({ port: port ?? 0, addresses: addressesOf(t, p) })),
    );
    process.stdout.write(
      `${machine()}\nfield: ${terminals} terminals, ${ports.length} ports, ${ports.length * metersPerPort} meters ` +
        `at ${baud} baud, started in ${Math.round(ready.startupMs)} ms\n`,
    );
    masters = await Promise.all(ports.map((p) => BusyMaster.open(p.port, p.addresses)));
    for (const master of masters) master.run();
    await sleep(warmUpSeconds * 1000);
    for (const master of masters) master.resetCounts();
    child.send('start');
    await sleep(measureSeconds * 1000);
    child.send('sample');
    const usage = await nextMessage(child, 'usage');
    for (const master of masters) master.stop();
    const answered = masters.reduce((n, m) => n + m.answered, 0);
    const asked = masters.reduce((n, m) => n + m.asked, 0);
    const cores = usage.cpuMs / usage.wallMs;
    const meters = ports.length * metersPerPort;
    process.stdout.write(
      `loaded ${measureSeconds} s: ${Math.round(asked / measureSeconds)} requests/s, ${((100 * answered) / Math.max(1, asked)).toFixed(2)} % answered; ` +
        `field process ${cores.toFixed(3)} cores, RSS ${(usage.rssBytes / 2 ** 20).toFixed(0)} MiB, heap ${(usage.heapBytes / 2 ** 20).toFixed(0)} MiB\n`,
    );
    const figures: Figure[] = [
      {
        bench: 'sim',
        metric: `cpu_cores_${meters}_meters_${ports.length}_ports`,
        value: round(cores, 3),
        target: '<1',
      },
      {
        bench: 'sim',
        metric: `rss_mib_${meters}_meters_${ports.length}_ports`,
        value: round(usage.rssBytes / 2 ** 20, 0),
        target: '<1024',
      },
      {
        bench: 'sim',
        metric: `exchanges_per_second_${ports.length}_ports_${baud}_baud`,
        value: Math.round(answered / measureSeconds),
        target: 'every bus busy',
      },
      { bench: 'sim', metric: 'answered_share', value: round(answered / Math.max(1, asked), 4), target: '1' },
    ];
    printFigures(figures);
  } finally {
    // Stop by ourselves whatever happened: no socket or child may keep this process alive.
    for (const master of masters) master.stop();
    if (child.connected) child.send('stop');
    setTimeout(() => child.kill(), 10_000).unref();
  }
}

function addressesOf(t: number, p: number): string[] {
  return Array.from(
    { length: metersPerPort },
    (_, m) =>
      `${String(t + 1).padStart(4, '0')}${String(p + 1).padStart(2, '0')}${String(m + 1).padStart(6, '0')}`,
  );
}

class BusyMaster {
  asked = 0;
  answered = 0;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly deframer = new Deframer();
  private readonly requests: Uint8Array[];
  private readonly socket: Socket;

  private constructor(socket: Socket, addresses: string[]) {
    this.socket = socket;
    this.requests = addresses.map((address) =>
      encodeFrame(requestFrame2007({ kind: 'read-data', address, di: 0x00010000 })),
    );
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.deframer.push(new Uint8Array(chunk))) {
        if (event.kind === 'frame') this.answered++;
        this.send();
      }
    });
    socket.on('error', () => {});
  }

  static open(port: number, addresses: string[]): Promise<BusyMaster> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new BusyMaster(socket, addresses)));
      socket.once('error', reject);
    });
  }

  run(): void {
    this.send();
  }

  resetCounts(): void {
    this.asked = 0;
    this.answered = 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.socket.destroy();
  }

  private send(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.deframer.reset();
    const request = this.requests[this.next % this.requests.length] as Uint8Array;
    this.next++;
    this.asked++;
    this.socket.write(request);
    this.timer = setTimeout(() => this.send(), replyTimeoutMs);
  }
}

function nextMessage<K extends ChildMessage['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as Extract<ChildMessage, { kind: K }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`field process exited with ${code}`)));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

// Last, so that the class above is initialised before it is used.
if (process.argv.includes(CHILD_FLAG)) await runField();
else await runLoad();

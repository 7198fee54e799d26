// Prometheus's text exposition format (version 0.0.4), written by hand: counters, gauges and histograms
// with labels. The process's own counts live here; what the store knows (the outbox's depth, the pool) is
// read as the scrape comes in (`Metrics.collect`).

import type { FieldGateway } from './field.ts';

export type Labels = Readonly<Record<string, string>>;

/** A label value as the format wants it: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels, extra?: readonly [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  if (extra !== undefined) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

const keyOf = (labels: Labels) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

interface Family {
  readonly name: string;
  readonly help: string;
  lines(): string[];
}

class Sampled implements Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  protected readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(name: string, help: string, type: 'counter' | 'gauge') {
    this.name = name;
    this.help = help;
    this.type = type;
  }

  protected entry(labels: Labels) {
    const key = keyOf(labels);
    let entry = this.values.get(key);
    if (entry === undefined) {
      entry = { labels, value: 0 };
      this.values.set(key, entry);
    }
    return entry;
  }

  lines(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} ${this.type}`,
      ...[...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${numberText(e.value)}`),
    ];
  }
}

export class Counter extends Sampled {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }

  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError(`${this.name}: a counter only goes up`);
    this.entry(labels).value += by;
  }
}

export class Gauge extends Sampled {
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }

  set(labels: Labels, value: number): void {
    this.entry(labels).value = value;
  }

  /** Forgets every value (a gauge refilled at each scrape). */
  clear(): void {
    this.values.clear();
  }
}

/** A counter whose total is kept elsewhere (a bus's busy time) and read at each scrape. */
export class ReadCounter extends Sampled {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }

  set(labels: Labels, total: number): void {
    this.entry(labels).value = total;
  }

  clear(): void {
    this.values.clear();
  }
}

export class Histogram implements Family {
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name;
    this.help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (const [i, bound] of this.buckets.entries())
      if (value <= bound) series.counts[i] = (series.counts[i] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  lines(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      for (const [i, bound] of this.buckets.entries()) {
        lines.push(`${this.name}_bucket${labelText(s.labels, ['le', numberText(bound)])} ${s.counts[i]}`);
      }
      lines.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${numberText(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

/** Seconds: from a quick read to a slow import. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** What a scrape reads from elsewhere (the store): fills the gauges it is given. */
export type Collect = () => Promise<void>;

/** The process's metrics, named `openami_*`. */
export class Metrics {
  readonly httpDuration = new Histogram(
    'openami_http_request_duration_seconds',
    'HTTP requests by route template, method and status, in seconds.',
    latencyBuckets,
  );
  readonly meterReads = new Counter(
    'openami_meter_reads_total',
    'Meters read (stored), by outcome: complete, partial or unreachable.',
  );
  readonly runs = new Counter('openami_collection_runs_total', 'Collection runs ended, by plan and status.');
  readonly runMeters = new Counter(
    'openami_collection_run_meters_total',
    'Meters of ended collection runs, by plan and outcome (read or failed).',
  );
  readonly terminalMeters = new Counter(
    'openami_collection_terminal_meters_total',
    'Meters of ended collection runs, by terminal (its id) and outcome (read or failed).',
  );
  readonly busBusy = new ReadCounter(
    'openami_bus_busy_seconds_total',
    'Seconds each RS-485 bus (terminal id and port) was held by an exchange or the quiet after it; its rate is the share of time the bus is busy.',
  );
  readonly busExchanges = new ReadCounter(
    'openami_bus_exchanges_total',
    'Exchanges (request and reply) run on each bus, by terminal id and port.',
  );
  readonly busQueued = new Gauge(
    'openami_bus_queued_exchanges',
    'Exchanges waiting for each bus, by terminal id and port.',
  );
  readonly commands = new Counter(
    'openami_meter_commands_total',
    'Meter commands sent through this process, by kind and outcome status.',
  );
  readonly sales = new Counter('openami_sales_total', 'Sales made (a replayed request is not counted).');
  readonly salesAmount = new Counter('openami_sales_amount_fen_total', 'Money of the sales made, in fen.');
  readonly outbox = new Gauge('openami_notification_outbox', 'Notifications in the outbox, by state.');
  readonly pool = new Gauge(
    'openami_database_pool_connections',
    'PostgreSQL pool: connections by state (total, idle, waiting clients).',
  );
  readonly readingsBuffered = new Gauge(
    'openami_readings_buffered',
    'Reading rows the collector keeps until the database returns, by where (memory or disk).',
  );
  readonly readingsDropped = new Gauge(
    'openami_readings_dropped',
    'Reading rows lost since start because the spool was full (OPENAMI_SPOOL_MAX_MIB).',
  );
  readonly up = new Gauge('openami_store_up', '1 when the store answered this scrape, 0 otherwise.');
  readonly tlsReloads = new Counter(
    'openami_tls_reloads_total',
    'Reloads of the HTTPS certificate, by outcome (loaded, refused) and the reason a pair was refused.',
  );
  private readonly families: readonly Family[] = [
    this.httpDuration,
    this.meterReads,
    this.runs,
    this.runMeters,
    this.terminalMeters,
    this.busBusy,
    this.busExchanges,
    this.busQueued,
    this.commands,
    this.sales,
    this.salesAmount,
    this.outbox,
    this.pool,
    this.readingsBuffered,
    this.readingsDropped,
    this.up,
    this.tlsReloads,
  ];

  /** The text exposition, after `collect` has refreshed what it reads. */
  async exposition(collect?: Collect): Promise<string> {
    await collect?.();
    return `${this.families.flatMap((f) => f.lines()).join('\n')}\n`;
  }
}

/** A run's meters on one terminal: how many were read (complete or partial) and how many failed. */
export interface TerminalOutcome {
  readonly terminalId: number | null;
  readonly read: number;
  readonly failed: number;
}

/** Fills the bus series from the collector of this process, as a scrape comes in. */
export function busGauges(field: FieldGateway | undefined, metrics: Metrics): void {
  metrics.busBusy.clear();
  metrics.busExchanges.clear();
  metrics.busQueued.clear();
  for (const bus of field?.busUsage?.() ?? []) {
    const labels = { terminal: String(bus.terminalId), port: String(bus.portNo) };
    metrics.busBusy.set(labels, bus.busyMs / 1000);
    metrics.busExchanges.set(labels, bus.exchanges);
    metrics.busQueued.set(labels, bus.queued);
  }
}

/** The content type of the text exposition. */
export const expositionContentType = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Counts what the field does through this process: meters read, runs ended (per plan), and the commands
 * sent with their outcome. Returns the gateway to use instead (the same one, commands counted) and the
 * function that stops following.
 */
export function countField(
  field: FieldGateway,
  metrics: Metrics,
  outcomesByTerminal?: (runId: number) => Promise<readonly TerminalOutcome[]>,
): { readonly field: FieldGateway; stop(): void } {
  const stopReads = field.subscribeReads((outcome) => metrics.meterReads.inc({ status: outcome.status }));
  const stopRuns = field.subscribeRuns((run) => {
    metrics.runs.inc({ plan: run.planId, status: run.status });
    metrics.runMeters.inc({ plan: run.planId, outcome: 'read' }, run.metersComplete + run.metersPartial);
    metrics.runMeters.inc({ plan: run.planId, outcome: 'failed' }, run.metersFailed);
    // Per terminal (a series per terminal, never per meter): from what the run recorded of each meter.
    outcomesByTerminal?.(run.id)
      .then((outcomes) => {
        for (const o of outcomes) {
          const terminal = o.terminalId === null ? 'none' : String(o.terminalId);
          metrics.terminalMeters.inc({ terminal, outcome: 'read' }, o.read);
          metrics.terminalMeters.inc({ terminal, outcome: 'failed' }, o.failed);
        }
      })
      .catch(() => undefined);
  });
  const command: FieldGateway['command'] = async (meterId, request, actor) => {
    try {
      const row = await field.command(meterId, request, actor);
      metrics.commands.inc({ kind: row.kind, state: row.state });
      return row;
    } catch (error) {
      const kind = request.kind === 'relay' ? `relay-${request.action}` : request.kind;
      metrics.commands.inc({ kind, state: 'refused' });
      throw error;
    }
  };
  // The gateway is a class instance (the collector): its methods stay bound to it.
  const counted = new Proxy(field, {
    get(target, property) {
      if (property === 'command') return command;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    field: counted,
    stop: () => {
      stopReads();
      stopRuns();
    },
  };
}

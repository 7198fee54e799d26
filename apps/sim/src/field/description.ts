// A field as a file describes it (JSON or YAML): terminals, their ports and meters, faults, the time factor.
// Parsed once and checked whole: every problem is listed with where it is, so a bad file is fixed in one go.
import { parse as parseYaml } from 'yaml';
import { type FaultSettings, faultProblems } from '../bus/faults.ts';
import { MAX_METERS_PER_BUS } from '../bus/rs485-bus.ts';
import type { MeterConfigInput } from '../meter/meter-config.ts';
import { PORTS_OF_MODEL, type TerminalMode, type TerminalModel } from '../terminal/terminal.ts';
import { SCENARIO_KINDS } from './scenario.ts';
import type { ScheduledScenario } from './schedule.ts';

export interface MeterDescription extends MeterConfigInput {
  readonly faults?: FaultSettings;
  /**
   * A supply meter (a transformer area's, a building's): its load is what the named meters' premises draw,
   * plus `lossPermille` parts per thousand lost on the way (line loss, DOMAIN.md §3).
   */
  readonly aggregate?: { readonly children: readonly string[]; readonly lossPermille: number };
}

export interface PortDescription {
  readonly baud?: number;
  readonly faults?: FaultSettings;
  readonly meters: readonly MeterDescription[];
}

export interface TerminalDescription {
  readonly id: string;
  readonly model: TerminalModel;
  readonly mode?: TerminalMode;
  /** Server mode: port i listens on basePort + i; 0 picks free ports. */
  readonly basePort?: number;
  /** Client mode: where each port dials (the same host and port for all, like a fleet of GPRS terminals). */
  readonly connect?: { readonly host: string; readonly port: number; readonly registration?: string };
  readonly faults?: FaultSettings;
  readonly ports: readonly PortDescription[];
}

/** A Q/GDW 1376.1 concentrator that dials the master station, with the meters wired behind it. */
export interface ConcentratorDescription {
  /** 行政区划码, four digits. */
  readonly area: string;
  /** 终端地址, 1–65535. */
  readonly terminal: number;
  /** The master station it dials. */
  readonly connect: { readonly host: string; readonly port: number };
  /** Real seconds between heartbeats; 60 by default. */
  readonly heartbeatS?: number;
  /** Real seconds between its reading rounds; 60 by default. */
  readonly readIntervalS?: number;
  /** The GPRS link: one-way latency (ms) and the chance a sent frame drops the link instead. */
  readonly latencyMs?: number;
  readonly dropRate?: number;
  /** First redial delay, real ms (doubling up to a minute). */
  readonly reconnectDelayMs?: number;
  /** The modem's signal strength, dBm; -75 by default. */
  readonly signalDbm?: number;
  /** The carrier channel to its meters: the chance one exchange is lost. */
  readonly lossRate?: number;
  /**
   * Load its meters into its meter table at start (points 1…n in order), as a commissioned concentrator
   * has them; otherwise the table is empty until the master station sets it with AFN 04 F10.
   */
  readonly preloadTable?: boolean;
  readonly meters: readonly MeterDescription[];
}

export interface FieldDescription {
  readonly seed?: number;
  /** Simulated ms per real ms; 1440 runs a day a minute. */
  readonly timeFactor?: number;
  /** Simulated start, ISO 8601; now by default. */
  readonly start?: string;
  /** Address the terminals listen on; loopback unless told otherwise. */
  readonly host?: string;
  readonly terminals: readonly TerminalDescription[];
  /** Concentrators dialling a master station (Q/GDW 1376.1), each with its meters. */
  readonly concentrators?: readonly ConcentratorDescription[];
  /** Scenarios to run at simulated times. */
  readonly scenarios?: readonly ScheduledScenario[];
}

/** Reads a description from text; YAML is a superset of JSON, so one parser reads both. */
export function parseFieldDescription(text: string): FieldDescription {
  return checkFieldDescription(parseYaml(text) as unknown);
}

export function checkFieldDescription(value: unknown): FieldDescription {
  const problems: string[] = [];
  const field = value as FieldDescription;
  if (typeof value !== 'object' || value === null || !isList(field.terminals)) {
    throw new Error('a field description needs a list of terminals');
  }
  if (field.timeFactor !== undefined && !(field.timeFactor > 0)) problems.push('timeFactor must be positive');
  if (field.start !== undefined && Number.isNaN(Date.parse(field.start)))
    problems.push(`start ${JSON.stringify(field.start)} is not an ISO 8601 time`);
  const ids = new Set<string>();
  const addresses = new Set<string>();
  field.terminals.forEach((terminal, t) => {
    const where = `terminals[${t}]`;
    if (typeof terminal.id !== 'string' || terminal.id === '') problems.push(`${where}.id is missing`);
    else if (ids.has(terminal.id)) problems.push(`${where}.id ${terminal.id} is used twice`);
    ids.add(terminal.id);
    const ports = PORTS_OF_MODEL[terminal.model];
    if (ports === undefined)
      problems.push(`${where}.model must be one of ${Object.keys(PORTS_OF_MODEL).join(', ')}`);
    if (!isList(terminal.ports)) {
      problems.push(`${where}.ports must be a list`);
      return;
    }
    if (ports !== undefined && terminal.ports.length > ports)
      problems.push(`${where}: a ${terminal.model} has ${ports} port(s), ${terminal.ports.length} described`);
    if (terminal.mode === 'client' && terminal.connect === undefined)
      problems.push(`${where}: client mode needs connect: { host, port }`);
    problems.push(...faultProblems(terminal.faults ?? {}).map((p) => `${where}.faults: ${p}`));
    terminal.ports.forEach((port, p) => {
      const portWhere = `${where}.ports[${p}]`;
      const meters: readonly MeterDescription[] = isList(port.meters) ? port.meters : [];
      if (meters.length > MAX_METERS_PER_BUS)
        problems.push(`${portWhere}: more than ${MAX_METERS_PER_BUS} meters`);
      problems.push(...faultProblems(port.faults ?? {}).map((x) => `${portWhere}.faults: ${x}`));
      meters.forEach((meter, m) => {
        const meterWhere = `${portWhere}.meters[${m}]`;
        const address = String(meter.address ?? '').padStart(12, '0');
        if (!/^[0-9]{12}$/.test(address)) problems.push(`${meterWhere}.address must be up to 12 digits`);
        else if (addresses.has(address)) problems.push(`${meterWhere}.address ${address} is used twice`);
        addresses.add(address);
        problems.push(...faultProblems(meter.faults ?? {}).map((x) => `${meterWhere}.faults: ${x}`));
      });
    });
  });
  const names = new Set<string>();
  (isList(field.concentrators) ? field.concentrators : []).forEach((concentrator, c) => {
    const where = `concentrators[${c}]`;
    const area = String(concentrator.area ?? '');
    if (!/^[0-9A-Fa-f]{4}$/.test(area)) problems.push(`${where}.area must be four digits`);
    const terminal = concentrator.terminal;
    if (!Number.isInteger(terminal) || terminal < 1 || terminal > 0xffff)
      problems.push(`${where}.terminal must be 1–65535`);
    const name = `${area}-${terminal}`;
    if (names.has(name)) problems.push(`${where}: concentrator ${name} is described twice`);
    names.add(name);
    if (typeof concentrator.connect?.host !== 'string' || !Number.isInteger(concentrator.connect?.port))
      problems.push(`${where}.connect needs host and port`);
    for (const rate of ['dropRate', 'lossRate'] as const) {
      const value = concentrator[rate];
      if (value !== undefined && !(value >= 0 && value <= 1)) problems.push(`${where}.${rate} must be 0–1`);
    }
    const meters: readonly MeterDescription[] = isList(concentrator.meters) ? concentrator.meters : [];
    if (meters.length > 2040) problems.push(`${where}: more than 2040 meters`);
    meters.forEach((meter, m) => {
      const meterWhere = `${where}.meters[${m}]`;
      const address = String(meter.address ?? '').padStart(12, '0');
      if (!/^[0-9]{12}$/.test(address)) problems.push(`${meterWhere}.address must be up to 12 digits`);
      else if (addresses.has(address)) problems.push(`${meterWhere}.address ${address} is used twice`);
      addresses.add(address);
    });
  });
  field.terminals.forEach((terminal, t) => {
    (isList(terminal.ports) ? terminal.ports : []).forEach((port, p) => {
      (isList(port.meters) ? port.meters : []).forEach((meter, m) => {
        for (const child of meter.aggregate?.children ?? []) {
          if (!addresses.has(String(child).padStart(12, '0')))
            problems.push(
              `terminals[${t}].ports[${p}].meters[${m}].aggregate: meter ${child} is not in the field`,
            );
        }
      });
    });
  });
  (field.scenarios ?? []).forEach((entry, i) => {
    const where = `scenarios[${i}]`;
    if (Number.isNaN(Date.parse(entry.at))) problems.push(`${where}.at is not an ISO 8601 time`);
    if (!addresses.has(String(entry.meter).padStart(12, '0')))
      problems.push(`${where}.meter ${entry.meter} is not in the field`);
    if (!SCENARIO_KINDS.includes(entry.scenario?.kind))
      problems.push(`${where}.scenario.kind must be one of ${SCENARIO_KINDS.join(', ')}`);
  });
  if (problems.length > 0) throw new Error(`bad field description:\n  ${problems.join('\n  ')}`);
  return field;
}

/** Array.isArray without widening a readonly list to any[]. */
function isList<T>(value: readonly T[] | undefined): value is readonly T[] {
  return Array.isArray(value);
}

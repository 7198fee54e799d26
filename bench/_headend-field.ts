// The head-end benchmarks' field: the simulator in a process of its own, and the head-end's configuration of it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FieldConfig, MeterConfig, TerminalConfig } from '@openami/headend';

export interface SimMeter {
  readonly address: string;
  readonly edition: '2007' | '1997';
  readonly terminalId: string;
  readonly portNo: number;
  readonly tcpPort: number;
  readonly baud: number;
  readonly delay: { readonly min: number; readonly max: number };
}

export async function startSim(
  buses: number,
  metersPerPort: number,
  baud: number,
  extra: Record<string, unknown> = {},
): Promise<{ child: ChildProcess; host: string; meters: SimMeter[]; simNow: number; controlPort: number }> {
  const ports = Math.min(8, buses);
  const options = { terminals: Math.ceil(buses / ports), ports, metersPerPort, seed: 1, baud, ...extra };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/_sim-process.ts', JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = await new Promise<string[]>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (text) => resolve([text]));
  });
  const described = JSON.parse(line as string) as {
    host: string;
    meters: SimMeter[];
    simNow: number;
    controlPort: number;
  };
  return { child, ...described };
}

/** The head-end's configuration of the simulated meters: meter ids numbered in their order from 1, as a store would. */
export function configOf(host: string, meters: readonly SimMeter[], baud: number): FieldConfig {
  const terminals = new Map<number, Map<number, number>>();
  const terminalIds = new Map<string, number>();
  const meterConfigs: MeterConfig[] = meters.map((m, i) => {
    const terminalId = terminalIds.get(m.terminalId) ?? terminalIds.size + 1;
    terminalIds.set(m.terminalId, terminalId);
    const ports = terminals.get(terminalId) ?? new Map<number, number>();
    ports.set(m.portNo, m.tcpPort);
    terminals.set(terminalId, ports);
    return {
      id: i + 1,
      address: m.address,
      edition: m.edition,
      meterType: 'bench',
      terminalId,
      portNo: m.portNo,
    };
  });
  const terminalConfigs: TerminalConfig[] = [...terminals].map(([id, ports]) => ({
    id,
    mode: 'tcp-server',
    host,
    ports: [...ports].map(([portNo, tcpPort]) => ({ portNo, baud, tcpPort })),
  }));
  return { terminals: terminalConfigs, meters: meterConfigs };
}

export /** CPU seconds a process has used, from /proc (Linux), to see whether the simulator keeps up. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

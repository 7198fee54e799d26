// `openami sim`: runs a simulated meter field until Ctrl-C, from a description file or a generator.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type ControlServer,
  type Field,
  type FieldDescription,
  generateField,
  parseFieldDescription,
  startControlServer,
  startField,
} from '@openami/sim';
import type { CommandIo } from '../io.ts';

const USAGE = `usage:
  openami sim <field.yaml|field.json> [--control-port N] [--time-factor F]
  openami sim --terminals 10 --ports 8 --meters-per-port 32 [--seed 1] [--base-port 0]
              [--baud 2400] [--time-factor F] [--control-port N]
      Starts simulated DL/T 645 meters behind serial-to-Ethernet terminals over TCP, and Q/GDW 1376.1
      concentrators (a description's concentrators:) that dial the master station; prints every address it
      listens on (each terminal port, and the control API's port: HTTP on 127.0.0.1, a free port chosen at
      start unless --control-port fixes it), and runs until Ctrl-C.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let description: FieldDescription;
  let controlPort: number;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        terminals: { type: 'string' },
        ports: { type: 'string' },
        'meters-per-port': { type: 'string' },
        seed: { type: 'string' },
        'base-port': { type: 'string' },
        baud: { type: 'string' },
        'time-factor': { type: 'string' },
        'control-port': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help === true || (positionals.length === 0 && values.terminals === undefined)) {
      io.err(USAGE);
      return values.help === true ? 0 : 2;
    }
    const timeFactor = optionalNumber(values['time-factor'], '--time-factor');
    controlPort = optionalNumber(values['control-port'], '--control-port') ?? 0;
    const [file] = positionals;
    if (file !== undefined) {
      description = parseFieldDescription(await readFile(file, 'utf8'));
    } else {
      const baud = optionalNumber(values.baud, '--baud');
      description = generateField({
        terminals: requiredNumber(values.terminals, '--terminals'),
        ports: optionalNumber(values.ports, '--ports') ?? 8,
        metersPerPort: optionalNumber(values['meters-per-port'], '--meters-per-port') ?? 32,
        seed: optionalNumber(values.seed, '--seed') ?? 1,
        basePort: optionalNumber(values['base-port'], '--base-port') ?? 0,
        ...(baud === undefined ? {} : { baud }),
      });
    }
    if (timeFactor !== undefined) description = { ...description, timeFactor };
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const field = await startField(description);
  const control = await startControlServer(field, controlPort);
  for (const line of startupLines(field, description, control.port, controlPort !== 0)) io.out(line);
  await untilInterrupted();
  await shutDown(field, control);
  io.out('stopped');
  return 0;
}

/** What is listening where, so nobody has to guess a port: each terminal port, then the control API. */
function startupLines(
  field: Field,
  description: FieldDescription,
  controlPort: number,
  controlPortGiven: boolean,
): string[] {
  const lines: string[] = [];
  for (const [index, terminal] of field.listing().entries()) {
    const ports = terminal.ports.map((port) => port ?? '-').join(' ');
    lines.push(`${terminal.id} ${terminal.model} ${terminal.mode} ports: ${ports}`);
    const dials = description.terminals[index]?.connect;
    terminal.ports.forEach((port, portIndex) => {
      const where =
        port !== undefined
          ? `listening on ${field.host}:${port}`
          : dials !== undefined
            ? `dialling ${dials.host}:${dials.port}`
            : 'not connected';
      lines.push(`  RS-485 port ${portIndex + 1}: ${where}`);
    });
  }
  for (const { concentrator, uplink } of field.concentrators)
    lines.push(
      `concentrator ${concentrator.name}: ${concentrator.wiredMeters.length} meters, dialling ${uplink.options.host}:${uplink.options.port}`,
    );
  lines.push(`${field.meterCount} meters; time factor ${description.timeFactor ?? 1}`);
  lines.push(
    `control port: 127.0.0.1:${controlPort}${controlPortGiven ? '' : ' (a free port chosen at start; --control-port N fixes it)'}`,
  );
  lines.push(`control API: http://127.0.0.1:${controlPort}/terminals`);
  return lines;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function shutDown(field: Field, control: ControlServer): Promise<void> {
  await control.close();
  await field.stop();
}

function optionalNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got ${text}`);
  return value;
}

function requiredNumber(text: string | undefined, name: string): number {
  const value = optionalNumber(text, name);
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

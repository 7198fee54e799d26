// `openami read`: read items from meters now, through a serial server (TCP) or a local serial port.
// The real-hardware path of the head-end, usable on a meter-room bench or against `openami sim`.
import { parseArgs } from 'node:util';
import {
  Bus,
  type ByteChannel,
  ExchangeError,
  ITEM_GROUPS,
  isItemGroup,
  MeterClient,
  SerialChannel,
  TcpClientChannel,
} from '@openami/headend';
import { type Edition, formatDi, normalizeAddress, parseDi } from '@openami/protocol';
import type { CommandIo } from '../io.ts';
import { readFromStore } from './read-store.ts';

const USAGE = `usage:
  openami read --area <id> | --meter <id> [--item energy|instantaneous|prepaid|status|clock|dailyFrozen|<id>]… [--database URL]
      Reads now through the meters' own terminal ports as the store describes them, with a progress bar;
      stores what it reads, records the run, and prints the meters it could not read as JSON lines.
  openami read --tcp <host:port> | --serial <device> [--baud 2400] [--edition 2007|1997] <address>…
               --item energy|instantaneous|prepaid|status|clock|dailyFrozen|<id>…
      Reads each item from each meter and prints one JSON line per reading, e.g.
      openami read --tcp 127.0.0.1:4001 003411001043 --item energy --item 02010100
      Groups name DL/T 645-2007 items; a 1997 meter is read by its own 4-digit identifiers.
      A meter address of AAAAAAAAAAAA reads whichever single meter is on the bus.`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.area !== undefined || values.meter !== undefined) {
    if (values.area !== undefined && values.meter !== undefined) {
      io.err(USAGE);
      return 2;
    }
    return readFromStore(
      {
        items: values.item ?? [],
        ...(values.area === undefined ? {} : { area: values.area }),
        ...(values.meter === undefined ? {} : { meter: values.meter }),
        ...(values.database === undefined ? {} : { database: values.database }),
      },
      io,
    );
  }
  const edition: Edition = values.edition === '1997' ? '1997' : '2007';
  const baud = Number(values.baud ?? (edition === '1997' ? 1200 : 2400));
  const items = values.item ?? [];
  if (
    positionals.length === 0 ||
    items.length === 0 ||
    (values.tcp === undefined) === (values.serial === undefined) ||
    !(baud > 0)
  ) {
    io.err(USAGE);
    return 2;
  }
  let addresses: string[];
  let identifiers: number[];
  try {
    addresses = positionals.map(normalizeAddress);
    identifiers = resolveIdentifiers(items, edition);
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
  const channel = await open(values.tcp, values.serial, baud, io);
  if (channel === undefined) return 1;
  const bus = new Bus(channel, { baud });
  const client = new MeterClient(bus);
  let failures = 0;
  try {
    for (const address of addresses) {
      for (const di of identifiers) {
        const id = formatDi(edition, di);
        try {
          const { item, attempts, elapsedMs } = await client.read({ address, edition }, di, 'operator');
          io.out(
            JSON.stringify({
              address,
              id,
              name: item.item?.zh ?? null,
              value: item.value,
              unit: item.item?.unit ?? null,
              attempts,
              ms: Math.round(elapsedMs),
            }),
          );
        } catch (error) {
          if (!(error instanceof ExchangeError)) throw error;
          failures++;
          io.out(
            JSON.stringify({
              address,
              id,
              error: error.reason,
              message: error.message,
              attempts: error.attempts,
            }),
          );
        }
      }
    }
  } finally {
    bus.close();
    await channel.close();
  }
  return failures === 0 ? 0 : 1;
}

/**
 * Items named by group (as `--area`/`--meter` take them) or by identifier, deduplicated in order. Any
 * identifier goes here, even one the catalog does not know: a bench read is how one finds out what it holds.
 */
function resolveIdentifiers(items: readonly string[], edition: Edition): number[] {
  const identifiers: number[] = [];
  for (const item of items) {
    if (isItemGroup(item)) {
      if (edition === '1997') {
        throw new Error(
          `item group ${item} names DL/T 645-2007 items; read a 1997 meter by its 4-digit identifiers`,
        );
      }
      identifiers.push(...ITEM_GROUPS[item]);
      continue;
    }
    try {
      identifiers.push(parseDi(item, edition === '2007' ? 4 : 2));
    } catch {
      throw new Error(
        `unknown data item ${item} (a group: ${Object.keys(ITEM_GROUPS).join(', ')}; or ${edition === '2007' ? 'eight' : 'four'} hex digits)`,
      );
    }
  }
  return [...new Set(identifiers)];
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      tcp: { type: 'string' },
      serial: { type: 'string' },
      baud: { type: 'string' },
      edition: { type: 'string' },
      item: { type: 'string', multiple: true },
      area: { type: 'string' },
      meter: { type: 'string' },
      database: { type: 'string' },
    },
  });
}

async function open(
  tcp: string | undefined,
  serial: string | undefined,
  baud: number,
  io: CommandIo,
): Promise<ByteChannel | undefined> {
  if (serial !== undefined) {
    const channel = new SerialChannel({ path: serial, baud });
    try {
      await channel.open();
      return channel;
    } catch (error) {
      io.err(`error: ${(error as Error).message}`);
      return undefined;
    }
  }
  const match = /^(.+):(\d+)$/.exec(tcp ?? '');
  if (match === null) {
    io.err(`error: --tcp takes host:port, got ${JSON.stringify(tcp)}`);
    return undefined;
  }
  const channel = new TcpClientChannel({
    host: match[1] as string,
    port: Number(match[2]),
    backoff: { initialMs: 200, maxMs: 200 },
  });
  await channel.start();
  if (!channel.isOpen) {
    io.err(`error: cannot connect to ${tcp}`);
    await channel.close();
    return undefined;
  }
  return channel;
}

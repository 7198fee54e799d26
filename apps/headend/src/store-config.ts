// The head-end's view of the field, from the store: every terminal with its ports, and every installed meter
// on a port. A terminal's mode is its own, as its manual names it: `tcp_server` terminals listen (the
// head-end dials `host:basePort`, port N at basePort + N − 1); `tcp_client` terminals dial the master
// station and are recognised by their registration packet, kept in `address` (ASCII, or `hex:…`).
import { everyArea, maxPowerW } from '@openami/domain';
import type { Edition } from '@openami/protocol';
import { maxPageSize, type Repositories, type TerminalPortRow, type TerminalRow } from '@openami/storage';
import type { FieldConfig, MeterConfig, PortConfig, TerminalConfig } from './config.ts';
import { packetFromSetting } from './link/dial-in-server.ts';
import type { Parity } from './link/serial-channel.ts';

export interface StoreConfigOptions {
  readonly timeZone?: string;
  readonly dialInPort?: number;
}

/** What in the store cannot be turned into a working configuration, in words, for the log. */
export interface ConfigProblem {
  readonly terminalId?: number;
  readonly meterId?: number;
  readonly problem: string;
}

const EDITIONS: Readonly<Record<string, Edition>> = { dlt645_2007: '2007', dlt645_1997: '1997' };
const PARITIES: Readonly<Record<string, Parity>> = { E: 'even', O: 'odd', N: 'none' };

export async function loadFieldConfig(
  store: Repositories,
  options: StoreConfigOptions = {},
): Promise<{ config: FieldConfig; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const terminals: TerminalConfig[] = [];
  const portOwner = new Map<number, { terminalId: number; portNo: number; edition: Edition | undefined }>();
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await store.terminals.list(
      everyArea,
      {},
      { sort: 'id', direction: 'asc', limit: maxPageSize, offset },
    );
    for (const terminal of page.items) {
      const ports = await store.terminals.ports(terminal.id);
      for (const port of ports) {
        portOwner.set(port.id, {
          terminalId: terminal.id,
          portNo: port.portNo,
          edition: EDITIONS[port.protocol],
        });
      }
      const built = terminalConfig(terminal, ports);
      if (typeof built === 'string') problems.push({ terminalId: terminal.id, problem: built });
      else terminals.push(built);
    }
    if (offset + maxPageSize >= page.total) break;
  }
  const meters: MeterConfig[] = [];
  // A meter speaks its type's protocol; the port's setting stands in for types that name none.
  const types = new Map<number, { edition?: Edition; maxPowerW?: number }>();
  const typeOf = async (meterTypeId: number) => {
    let known = types.get(meterTypeId);
    if (known === undefined) {
      const type = await store.meterTypes.get(meterTypeId);
      known =
        type === undefined
          ? {}
          : {
              ...(EDITIONS[type.protocol] === undefined ? {} : { edition: EDITIONS[type.protocol] }),
              maxPowerW: maxPowerW(type.maxCurrentMa, type.phases),
            };
      types.set(meterTypeId, known);
    }
    return known;
  };
  const areaPaths = new Map<number, string>();
  const pathOf = async (areaId: number): Promise<string | undefined> => {
    if (!areaPaths.has(areaId)) {
      const [area] = await store.areas.getMany([areaId]);
      if (area !== undefined) areaPaths.set(areaId, area.path);
    }
    return areaPaths.get(areaId);
  };
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await store.meters.search(
      everyArea,
      { state: 'installed' },
      { sort: 'id', direction: 'asc', limit: maxPageSize, offset },
    );
    for (const meter of page.items) {
      const port = meter.terminalPortId === null ? undefined : portOwner.get(meter.terminalPortId);
      const type = await typeOf(meter.meterTypeId);
      const edition = type.edition ?? port?.edition;
      const areaPath = await pathOf(meter.areaId);
      if (port === undefined && meter.concentratorId !== null) {
        problems.push({
          meterId: meter.id,
          problem: `meter ${meter.factoryNo} is behind concentrator ${meter.concentratorId} (point ${meter.measuringPoint}): collection through concentrators is not built yet`,
        });
      } else if (port === undefined) {
        problems.push({
          meterId: meter.id,
          problem: `installed meter ${meter.factoryNo} is on no terminal port`,
        });
      } else if (edition === undefined) {
        problems.push({ meterId: meter.id, problem: `meter ${meter.factoryNo} does not speak DL/T 645` });
      } else {
        meters.push({
          id: meter.id,
          address: meter.commAddress,
          edition,
          meterType: String(meter.meterTypeId),
          terminalId: port.terminalId,
          portNo: port.portNo,
          ...(type.maxPowerW === undefined ? {} : { maxPowerW: type.maxPowerW }),
          ...(areaPath === undefined ? {} : { areaPath }),
        });
      }
    }
    if (offset + maxPageSize >= page.total) break;
  }
  return {
    config: {
      terminals,
      meters,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.dialInPort === undefined ? {} : { dialInPort: options.dialInPort }),
    },
    problems,
  };
}

function terminalConfig(terminal: TerminalRow, ports: readonly TerminalPortRow[]): TerminalConfig | string {
  const id = terminal.id;
  const portConfig = (port: TerminalPortRow, tcpPort?: number): PortConfig => ({
    portNo: port.portNo,
    baud: port.baud,
    ...(PARITIES[port.parity] === undefined ? {} : { parity: PARITIES[port.parity] as Parity }),
    ...(tcpPort === undefined ? {} : { tcpPort }),
  });
  if (terminal.mode === 'tcp_client') {
    return {
      id,
      mode: 'tcp-client',
      registration: packetFromSetting(terminal.address),
      ports: ports.map((p) => portConfig(p)),
    };
  }
  const match = /^(.+):(\d{1,5})$/.exec(terminal.address.trim());
  const basePort = Number(match?.[2]);
  if (match === null || !(basePort > 0 && basePort < 65536)) {
    return `terminal ${terminal.name}: address ${JSON.stringify(terminal.address)} is not host:port`;
  }
  return {
    id,
    mode: 'tcp-server',
    host: match[1] as string,
    ports: ports.map((p) => portConfig(p, basePort + p.portNo - 1)),
  };
}

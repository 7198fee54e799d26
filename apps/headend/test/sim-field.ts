// The head-end's view of a simulated field: the configuration it would get from the store, built from the
// simulator's own placement of meters on terminals and ports, with ids numbered as a store would number them
// (meters in address order, terminals in the order the field lists them, from 1).
import type { Field } from '@openami/sim';
import type { FieldConfig, MeterConfig, TerminalConfig } from '../src/config.ts';

export function fieldConfigOf(field: Field): FieldConfig {
  const terminalIds = new Map(field.listing().map((terminal, i) => [terminal.id, i + 1]));
  const meters: MeterConfig[] = [];
  const ports = new Map<number, Map<number, { baud: number; tcpPort: number }>>();
  for (const [i, address] of field.addresses().entries()) {
    const { meter, terminal, portIndex } = field.placement(address);
    const terminalId = terminalIds.get(terminal.id) as number;
    meters.push({
      id: i + 1,
      address,
      edition: meter.config.edition,
      meterType: `${meter.config.phases}-phase-${meter.config.edition}`,
      terminalId,
      portNo: portIndex + 1,
    });
    const terminalPorts = ports.get(terminalId) ?? new Map();
    terminalPorts.set(portIndex + 1, {
      baud: meter.config.baud,
      tcpPort: field.tcpPort(terminal.id, portIndex),
    });
    ports.set(terminalId, terminalPorts);
  }
  const terminals: TerminalConfig[] = [...ports].map(([id, byPort]) => ({
    id,
    mode: 'tcp-server',
    host: field.host,
    ports: [...byPort].map(([portNo, port]) => ({ portNo, ...port })),
  }));
  return { terminals, meters, timeZone: 'Asia/Shanghai' };
}

/** The address of a meter of the configuration. */
export function addressOf(config: FieldConfig, meterId: number): string | undefined {
  return config.meters.find((meter) => meter.id === meterId)?.address;
}

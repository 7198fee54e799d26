// The head-end's view of a simulated field: the configuration it would get from the store, built from the
// simulator's own placement of meters on terminals and ports.
import type { Field } from '@openami/sim';
import type { FieldConfig, MeterConfig, TerminalConfig } from '../src/config.ts';

export function fieldConfigOf(field: Field): FieldConfig {
  const meters: MeterConfig[] = [];
  const ports = new Map<string, Map<number, { baud: number; tcpPort: number }>>();
  for (const address of field.addresses()) {
    const { meter, terminal, portIndex } = field.placement(address);
    meters.push({
      id: `meter-${address}`,
      address,
      edition: meter.config.edition,
      meterType: `${meter.config.phases}-phase-${meter.config.edition}`,
      terminalId: terminal.id,
      portNo: portIndex + 1,
    });
    const terminalPorts = ports.get(terminal.id) ?? new Map();
    terminalPorts.set(portIndex + 1, {
      baud: meter.config.baud,
      tcpPort: field.tcpPort(terminal.id, portIndex),
    });
    ports.set(terminal.id, terminalPorts);
  }
  const terminals: TerminalConfig[] = [...ports].map(([id, byPort]) => ({
    id,
    mode: 'tcp-server',
    host: field.host,
    ports: [...byPort].map(([portNo, port]) => ({ portNo, ...port })),
  }));
  return { terminals, meters, timeZone: 'Asia/Shanghai' };
}

// A serial-to-Ethernet collection terminal (DH601/602/604/608: 1/2/4/8 RS-485 ports, DOMAIN.md §2).
import type { FaultSettings } from '../bus/faults.ts';
import type { TerminalPort } from './terminal-port.ts';

export type TerminalModel = 'DH601' | 'DH602' | 'DH604' | 'DH608';

export const PORTS_OF_MODEL: Readonly<Record<TerminalModel, number>> = {
  DH601: 1,
  DH602: 2,
  DH604: 4,
  DH608: 8,
};

export type TerminalMode = 'server' | 'client';

export class Terminal {
  readonly id: string;
  readonly model: TerminalModel;
  readonly mode: TerminalMode;
  readonly ports: TerminalPort[] = [];
  faults: FaultSettings | undefined;

  constructor(id: string, model: TerminalModel, mode: TerminalMode) {
    this.id = id;
    this.model = model;
    this.mode = mode;
  }

  dropConnections(): void {
    for (const port of this.ports) port.dropConnections();
  }

  async stop(): Promise<void> {
    await Promise.all(this.ports.map((port) => port.stop()));
  }
}

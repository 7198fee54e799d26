import { endpointsClash, terminalEndpoints } from '@openami/domain';
import type {
  Page,
  PageRequest,
  PortFields,
  TerminalFields,
  TerminalRow,
  TerminalSort,
  TerminalWithPorts,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope, terminalInScope } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export interface TerminalInput extends TerminalFields {
  readonly ports: readonly PortFields[];
}

export function listTerminals(
  context: ServiceContext,
  filter: { readonly name?: string },
  page: PageRequest<TerminalSort>,
): Promise<Page<TerminalRow>> {
  return context.store.terminals.list(context.principal.scope, filter, page);
}

function requireDistinctPorts(ports: readonly PortFields[]): void {
  const numbers = ports.map((p) => p.portNo);
  if (new Set(numbers).size !== numbers.length) {
    throw new AppError('VALIDATION_FAILED', { field: 'ports', problem: 'port numbers must be distinct' });
  }
}

/**
 * Refuses a terminal whose ports would share a TCP address with another terminal's port, or whose
 * registration equals, begins or is begun by another dialling terminal's (`DTU1`, `DTU10`): the head-end
 * could not tell them apart.
 */
async function requireFreeAddress(
  context: ServiceContext,
  terminal: { readonly id?: number; readonly mode: string; readonly address: string },
  portNos: readonly number[],
): Promise<void> {
  const endpoints = terminalEndpoints(terminal.mode, terminal.address, portNos);
  if (endpoints === undefined) throw new AppError('TERMINAL_ADDRESS_INVALID', { address: terminal.address });
  const others = (await context.store.terminals.everyAddress()).filter((t) => t.id !== terminal.id);
  for (const other of others) {
    for (const theirs of terminalEndpoints(other.mode, other.address, other.portNos) ?? []) {
      const ours = endpoints.find((e) => endpointsClash(e, theirs));
      if (ours === undefined) continue;
      if (ours.kind === 'registration') {
        throw new AppError('TERMINAL_REGISTRATION_CLASH', {
          address: ours.address,
          terminal: other.name,
          terminalId: other.id,
        });
      }
      throw new AppError('TERMINAL_ADDRESS_CLASH', {
        address: ours.address,
        portNo: ours.portNo,
        terminal: other.name,
        terminalId: other.id,
        otherPortNo: theirs.portNo,
      });
    }
  }
}

export async function createTerminal(
  context: ServiceContext,
  input: TerminalInput,
): Promise<TerminalWithPorts> {
  await areaInScope(context, input.areaId);
  requireDistinctPorts(input.ports);
  await requireFreeAddress(
    context,
    input,
    input.ports.map((p) => p.portNo),
  );
  const { ports, ...fields } = input;
  return context.store.transaction(async (tx) => {
    const terminal = await tx.terminals.create(fields, ports, context.now);
    await recordAudit(tx, context, 'terminal.create', 'terminal', terminal.id, input);
    return terminal;
  });
}

export async function updateTerminal(
  context: ServiceContext,
  id: number,
  patch: Partial<TerminalInput>,
): Promise<TerminalWithPorts | undefined> {
  const before = await terminalInScope(context, id);
  if (patch.areaId !== undefined) await areaInScope(context, patch.areaId);
  const { ports, ...fields } = patch;
  if (ports !== undefined) requireDistinctPorts(ports);
  if (ports !== undefined || fields.mode !== undefined || fields.address !== undefined) {
    await requireFreeAddress(
      context,
      { id, mode: fields.mode ?? before.mode, address: fields.address ?? before.address },
      (ports ?? before.ports).map((p) => p.portNo),
    );
  }
  return context.store.transaction(async (tx) => {
    await tx.terminals.update(id, fields, context.now);
    if (ports !== undefined) await tx.terminals.setPorts(id, ports);
    await recordAudit(tx, context, 'terminal.update', 'terminal', id, {
      ...changes(before, fields),
      ...(ports === undefined ? {} : { ports: [before.ports, ports] }),
    });
    return tx.terminals.get(id);
  });
}

export async function deleteTerminal(context: ServiceContext, id: number): Promise<void> {
  await terminalInScope(context, id);
  await context.store.transaction(async (tx) => {
    await tx.terminals.delete(id);
    await recordAudit(tx, context, 'terminal.delete', 'terminal', id);
  });
}

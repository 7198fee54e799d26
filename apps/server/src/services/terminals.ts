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

export async function createTerminal(
  context: ServiceContext,
  input: TerminalInput,
): Promise<TerminalWithPorts> {
  await areaInScope(context, input.areaId);
  requireDistinctPorts(input.ports);
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

// A command to a meter as the store keeps it: persisted and audited before anything is sent. Whoever asks
// (the collector driving the meter, or an API process without one) records it the same way; the collector
// that drives the meter sends it, picking up pending commands it did not create itself.
import type { MeterCommandRow, Repositories } from '@openami/storage';
import type { MeterCommand } from './meter-command.ts';

/** Who asked, for the command row and the audit log. */
export interface CommandActor {
  readonly userId: number | null;
  readonly name: string;
  readonly sourceIp: string;
}

export function commandKind(command: MeterCommand): string {
  if (command.kind === 'top-up') return 'top-up';
  return command.kind === 'relay' ? `relay-${command.action}` : 'write';
}

export function commandParams(command: MeterCommand): Record<string, unknown> {
  if (command.kind === 'relay')
    return command.validForMinutes === undefined ? {} : { validForMinutes: command.validForMinutes };
  if (command.kind === 'top-up') {
    const { kind: _, ...order } = command;
    return order;
  }
  return { di: command.di, value: command.value };
}

/**
 * Persists a command as `pending` with its audit record, once per request id: asking again returns the
 * first command (`created: false`), finished or not. Call inside a transaction.
 */
export async function recordCommandRequest(
  tx: Repositories,
  meterId: number,
  request: MeterCommand & { readonly requestId: string },
  actor: CommandActor,
  now: number,
): Promise<{ command: MeterCommandRow; created: boolean }> {
  const { requestId, ...command } = request;
  const requested = await tx.collection.requestCommand({
    meterId,
    kind: commandKind(command),
    params: JSON.stringify(commandParams(command)),
    requestId,
    requestedBy: actor.userId,
    requestedAt: now,
  });
  if (requested.created) {
    await tx.audit.append({
      at: now,
      actorUserId: actor.userId,
      actorName: actor.name,
      sourceIp: actor.sourceIp,
      action: 'meter.command.requested',
      entity: 'meter',
      entityId: String(meterId),
      details: {
        commandId: requested.command.id,
        kind: requested.command.kind,
        params: commandParams(command),
      },
    });
  }
  return requested;
}

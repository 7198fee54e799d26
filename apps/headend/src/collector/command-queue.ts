// The command queue: a command to a meter is persisted and audited before anything is sent, sent once by
// whichever collector drives the meter (its own requests, those a stopped process left unfinished, those
// another process left in the store), parsed back from its row, and finished as confirmed or failed.
import { localParts } from '@openami/domain';
import type { MeterCommandRow } from '@openami/storage';
import { recordCommandRequest } from '../commands/command-request.ts';
import { type CommandOutcome, executeCommand, type MeterCommand } from '../commands/meter-command.ts';
import { plainReason, reasonColumns, reasonOfError } from '../reasons.ts';
import { type Actor, SYSTEM } from './actor.ts';
import type { CollectorCore } from './core.ts';

export type CommandRequest = MeterCommand & { readonly requestId: string };

/** A command request the collector refuses before persisting anything (unknown meter, no password). */
export class CommandRefused extends Error {
  readonly code: 'meter-not-collected' | 'no-credentials' | 'no-security-module';
  constructor(code: 'meter-not-collected' | 'no-credentials' | 'no-security-module', message: string) {
    super(message);
    this.name = 'CommandRefused';
    this.code = code;
  }
}

export class CommandQueue {
  private readonly core: CollectorCore;
  private readonly inFlight = new Map<number, Promise<MeterCommandRow>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(core: CollectorCore) {
    this.core = core;
  }

  /** Resumes what an earlier process left unfinished, then looks for others' commands on an interval. */
  start(): void {
    this.resume().catch((error: unknown) =>
      this.core.log(`commands: ${error instanceof Error ? error.message : String(error)}`),
    );
    const pollMs = this.core.options.commandPollMs ?? 2000;
    if (pollMs <= 0) return;
    this.timer = setInterval(() => {
      this.pickUp().catch((error: unknown) =>
        this.core.log(`commands: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, pollMs);
    this.timer.unref();
  }

  /** Stops looking, and waits for the commands in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled(this.inFlight.values());
  }

  /**
   * A command to a meter: persisted and audited before anything is sent, sent by the meter's bus ahead of
   * scheduled work, confirmed by reading back, and finished as confirmed or failed with the reason (audited
   * too). The request id makes it idempotent: asking again returns the first command, finished or not
   * (one still pending is sent then).
   */
  async command(meterId: number, request: CommandRequest, actor: Actor = SYSTEM): Promise<MeterCommandRow> {
    if (!this.core.collects(meterId)) {
      throw new CommandRefused(
        'meter-not-collected',
        `meter ${meterId} is not on any bus this collector drives`,
      );
    }
    if (request.kind === 'top-up' && this.core.options.security === undefined) {
      throw new CommandRefused(
        'no-security-module',
        'no security module is configured (OPENAMI_ESAM_KEY), so the meter would refuse the top-up',
      );
    }
    if (request.kind !== 'top-up' && this.core.options.credentials === undefined) {
      throw new CommandRefused(
        'no-credentials',
        'no meter password is configured (OPENAMI_METER_PASSWORD), so the meter would refuse the command',
      );
    }
    const now = this.core.now();
    const { command: row, created } = await this.core.store.transaction((tx) =>
      recordCommandRequest(tx, meterId, request, actor, now),
    );
    if (!created) {
      // Recorded before (perhaps by the caller, under its own lock) and never sent: send it now. Claiming
      // is atomic, so it is sent once however many ask.
      const flying = this.inFlight.get(row.id);
      if (flying !== undefined || row.state !== 'pending') return flying ?? row;
    }
    return this.send(row, false, actor);
  }

  /**
   * Commands a stopped process left unfinished. One that may have reached the meter (`sending`) is read
   * back before anything is sent again, so it is never applied twice; and only once it has been `sending`
   * longer than a live send takes (`staleSendingMs`), so a collector starting beside another one that is
   * sending it now does not send it a second time.
   */
  async resume(): Promise<void> {
    const unfinished = await this.core.store.collection.unfinishedCommands();
    const claimedBefore = this.core.now() - (this.core.options.staleSendingMs ?? 120_000);
    for (const row of unfinished) {
      if (!this.core.collects(row.meterId) || this.inFlight.has(row.id)) continue;
      const stale = row.state === 'sending';
      if (stale && !(await this.core.store.collection.requeueCommand(row.id, claimedBefore))) continue;
      const actor: Actor = { userId: row.requestedBy, name: SYSTEM.name, sourceIp: SYSTEM.sourceIp };
      void this.send({ ...row, state: 'pending' }, stale, actor).catch((error: unknown) =>
        this.core.log(`command ${row.id}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /**
   * Sends the pending commands of meters this collector drives that another process persisted, and those a
   * stopped process left `sending` too long ago (as `resume` does). Claiming is atomic, so a command is
   * sent once however many processes look.
   */
  async pickUp(): Promise<void> {
    if (this.core.headEnd === undefined) return;
    await this.resume();
  }

  private send(row: MeterCommandRow, readBackFirst: boolean, actor: Actor): Promise<MeterCommandRow> {
    // Asked for here while the pick-up found it too: one send, which both wait for.
    const inFlight = this.inFlight.get(row.id);
    if (inFlight !== undefined) return inFlight;
    const sending = this.sendNow(row, readBackFirst, actor).finally(() => this.inFlight.delete(row.id));
    this.inFlight.set(row.id, sending);
    return sending;
  }

  private async sendNow(
    row: MeterCommandRow,
    readBackFirst: boolean,
    actor: Actor,
  ): Promise<MeterCommandRow> {
    const headEnd = this.core.headEnd;
    // A top-up needs no password (the ESAM authenticates it); it still names the operator.
    const credentials = this.core.options.credentials ?? {
      passwordLevel: 0,
      password: '000000',
      operatorCode: this.core.options.operatorCode ?? '00000000',
    };
    if (headEnd === undefined) throw new Error('the collector is not started');
    if (!(await this.core.store.collection.claimCommand(row.id, this.core.now()))) {
      return (await this.core.store.collection.getCommand(row.id)) ?? row;
    }
    const command = parseCommand(row);
    const [result] = await headEnd.perMeter(
      (client, meter) =>
        executeCommand(
          {
            client,
            address: meter.address,
            credentials,
            meterNow: localParts(this.core.now(), this.core.timeZone),
            readBackFirst,
            ...(this.core.options.security === undefined ? {} : { security: this.core.options.security }),
          },
          command,
        ).catch(
          (error: unknown): CommandOutcome => ({
            status: 'failed',
            attempts: 0,
            reason: error instanceof Error ? error.message : String(error),
            why: reasonOfError(error),
          }),
        ),
      [row.meterId],
    );
    const outcome: CommandOutcome = result?.result ?? {
      status: 'failed',
      attempts: 0,
      reason: 'the meter is on no bus',
      why: plainReason('meter-on-no-bus'),
    };
    const now = this.core.now();
    return this.core.store.transaction(async (tx) => {
      const finished = await tx.collection.finishCommand(
        row.id,
        {
          state: outcome.status,
          reason: outcome.reason ?? null,
          ...reasonColumns(outcome.why ?? null),
          attempts: outcome.attempts,
        },
        now,
      );
      await tx.audit.append({
        at: now,
        actorUserId: actor.userId,
        actorName: actor.name,
        sourceIp: actor.sourceIp,
        action: outcome.status === 'confirmed' ? 'meter.command.confirmed' : 'meter.command.failed',
        entity: 'meter',
        entityId: String(row.meterId),
        details: {
          commandId: row.id,
          kind: row.kind,
          attempts: outcome.attempts,
          reason: outcome.reason ?? null,
          why: outcome.why ?? null,
        },
      });
      return finished ?? row;
    });
  }
}

function parseCommand(row: MeterCommandRow): MeterCommand {
  const params = JSON.parse(row.params) as Record<string, unknown>;
  if (row.kind === 'top-up') {
    return {
      kind: 'top-up',
      command: params.command === 'open-account' ? 'open-account' : 'recharge',
      amountFen: params.amountFen as number,
      purchaseCount: params.purchaseCount as number,
      customerNumber: params.customerNumber as string,
    };
  }
  if (row.kind === 'relay-trip' || row.kind === 'relay-close') {
    return {
      kind: 'relay',
      action: row.kind === 'relay-trip' ? 'trip' : 'close',
      ...(typeof params.validForMinutes === 'number' ? { validForMinutes: params.validForMinutes } : {}),
    };
  }
  return {
    kind: 'write',
    di: params.di as number,
    value: params.value as MeterCommand extends { value: infer V } ? V : never,
  };
}

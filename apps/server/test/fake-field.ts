import type { Actor, CommandRequest, MeterOutcome, RunRequest, RunResult } from '@openami/headend/api';
import type { CollectionRunRow, MeterCommandRow, Store } from '@openami/storage';
import type { FieldGateway } from '../src/http/field.ts';

/**
 * A field that answers at once, for tests about who may do what (the route table). It keeps the
 * collector's contract: runs and commands on record, commands audited with the actor. The real collector
 * against the simulator is tested in `collection.test.ts`.
 */
export class FakeField implements FieldGateway {
  private readonly store: Store;
  private readonly now: () => number;

  constructor(store: Store, now: () => number) {
    this.store = store;
    this.now = now;
  }

  collects(): boolean {
    return true;
  }

  async readMeter(meterId: number, items: readonly number[]): Promise<MeterOutcome> {
    return {
      meterId,
      status: 'complete',
      readings: items.map((di) => ({ di, value: 1 })),
      failures: [],
      attempts: 1,
      durationMs: 1,
    };
  }

  readArea(
    areaId: number,
    _items: readonly number[],
    request: Omit<RunRequest, 'areaId' | 'trigger'>,
  ): Promise<RunResult> {
    return this.run('read-now', areaId, request);
  }

  private async run(
    planId: string,
    areaId: number | null,
    request: Omit<RunRequest, 'areaId' | 'trigger'>,
  ): Promise<RunResult> {
    const run = await this.store.collection.startRun({
      planId,
      kind: 'read',
      trigger: 'operator',
      requestedBy: request.actor?.userId ?? null,
      areaId,
      startedAt: this.now(),
    });
    request.onStart?.(run);
    const finished = await this.store.collection.finishRun(run.id, this.now(), 'finished', '0 meters');
    return { run: finished ?? run, summary: '0 meters' };
  }

  subscribeReads(_listener: (outcome: MeterOutcome) => void): () => void {
    return () => {};
  }

  subscribeRuns(_listener: (run: CollectionRunRow) => void): () => void {
    return () => {};
  }

  async reloadPlans(): Promise<void> {}

  runPlanNow(planId: string, request: Omit<RunRequest, 'trigger'>): Promise<RunResult> {
    return this.run(planId, null, request);
  }

  async command(meterId: number, request: CommandRequest, actor: Actor): Promise<MeterCommandRow> {
    return this.store.transaction(async (tx) => {
      const { command } = await tx.collection.requestCommand({
        meterId,
        kind: request.kind === 'relay' ? `relay-${request.action}` : 'write',
        params: '{}',
        requestId: request.requestId,
        requestedBy: actor.userId,
        requestedAt: this.now(),
      });
      await tx.audit.append({
        at: this.now(),
        actorUserId: actor.userId,
        actorName: actor.name,
        sourceIp: actor.sourceIp,
        action: 'meter.command.requested',
        entity: 'meter',
        entityId: String(meterId),
        details: { commandId: command.id },
      });
      return command;
    });
  }
}

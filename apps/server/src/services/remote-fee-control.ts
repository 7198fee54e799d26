// Remote fee control (002): the master station keeps the balance of a remote account. Each reading the
// collector stores is charged against it at the tariff; the balance calls for a warning (the low-balance
// alarm), a relay trip at zero less the credit, or a close when a top-up lifts it back; the command goes to
// the meter through the collector, persisted, audited and confirmed by reading back like any other.
import { everyArea, type RemoteStatus } from '@openami/domain';
import { type CommandRequest, type MeterOutcome, recordCommandRequest } from '@openami/headend/api';
import type { MeterCommandRow } from '@openami/storage';
import type { Principal } from '../auth/principal.ts';
import type { AppServices, RemoteFeeActions, ServiceContext } from '../context.ts';
import { chargeUse, relayRequestId, stationActor } from './vending/remote.ts';

/** The station itself, acting on every area: how automatic charges and commands are recorded. */
const station: Principal = {
  userId: 0,
  username: 'station',
  role: 'administrator',
  scope: everyArea,
  via: 'bearer',
  tokenHash: '',
  csrfToken: '',
  stage: 'full',
};

export class RemoteFeeControl implements RemoteFeeActions {
  private readonly services: Omit<AppServices, 'remote' | 'approval'>;
  private readonly log: (line: string) => void;

  constructor(services: Omit<AppServices, 'remote' | 'approval'>, log: (line: string) => void = () => {}) {
    this.services = services;
    this.log = log;
  }

  private context(): ServiceContext {
    return {
      store: this.services.store,
      principal: station,
      sourceIp: 'local',
      now: this.services.clock(),
      locale: 'zh-CN',
      timeZone: this.services.timeZone,
    };
  }

  /** After a meter's reading is stored: charge its remote account, and act on what the balance calls for. */
  async meterRead(outcome: MeterOutcome): Promise<void> {
    if (outcome.status === 'unreachable') return;
    await this.meterReadStored(outcome.meterId);
  }

  /**
   * The same for a reading another process stored (a collector of its own, followed through the store):
   * charging is idempotent per latest reading, so seeing a meter again charges nothing twice.
   */
  async meterReadStored(meterId: number): Promise<void> {
    const account = await this.services.store.accounts.openForMeter(meterId);
    if (account === undefined || account.prepaidMode !== 'remote') return;
    const charged = await chargeUse(this.context(), this.services, account.id);
    if (charged.remote === null || charged.entry === null) return;
    await this.act(meterId, charged.remote, charged.entry.id);
  }

  /**
   * Acts on a remote account's balance after the movement `entryId` (a charge, or a cashier's top-up): the
   * low-balance and exhausted alarms follow the balance; a trip or close is sent to the meter once per
   * movement (the request id is derived from it), so a repeated sale or charge sends nothing again.
   */
  async act(meterId: number, remote: RemoteStatus, entryId: number): Promise<MeterCommandRow | undefined> {
    await this.services.alarms.remoteBalance(meterId, remote);
    if (remote.action !== 'trip' && remote.action !== 'close') return undefined;
    const request: CommandRequest = {
      kind: 'relay',
      action: remote.action,
      requestId: relayRequestId(remote.action, entryId),
    };
    const actor = { ...stationActor };
    const field = this.services.field;
    if (field?.collects(meterId) === true) return field.command(meterId, request, actor);
    return this.leaveForCollector(meterId, request, actor);
  }

  /**
   * No collector in this process drives the meter: the command is persisted `pending` (and audited) for the
   * collector process that does, which picks pending commands up, sends and confirms them.
   */
  private async leaveForCollector(
    meterId: number,
    request: CommandRequest,
    actor: { userId: null; name: string; sourceIp: string },
  ): Promise<MeterCommandRow | undefined> {
    const store = this.services.store;
    const meter = await store.meters.get(meterId);
    if (meter?.terminalPortId === null || meter === undefined) {
      this.log(
        `remote fee control: meter ${meterId} needs a relay ${request.kind === 'relay' ? request.action : ''}, but it is on no terminal port`,
      );
      return undefined;
    }
    const now = this.services.clock();
    const { command } = await store.transaction((tx) =>
      recordCommandRequest(tx, meterId, request, actor, now),
    );
    return command;
  }
}

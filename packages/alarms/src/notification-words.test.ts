// What an alarm's messages call things, on both engines: the meter by its number with the room and account
// of whoever holds it, never the store's id; "power is off" only when the meter's relay was seen open.
import type { AlarmRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { beforeAll, expect, it } from 'vitest';
import type { Channel, OutgoingMessage, SendResult } from './channel.ts';
import { Notifier } from './notifier.ts';

class RecordingChannel implements Channel {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, answer: 'ok', retryable: false };
  }
}

const now = Date.UTC(2026, 11, 7, 4, 0);

describeEachEngine('alarm messages in words people know', (context) => {
  let store: Store;
  const tag = `${process.pid}${Date.now().toString(36)}`;
  let meterId: number;
  let terminalId: number;
  let areaId: number;
  const phone = `138${String(process.pid).padStart(8, '0').slice(-8)}`;
  let n = 0;

  beforeAll(async () => {
    store = context.store;
    const area = await store.areas.create(
      { parentId: null, kind: 'community', code: `W-${tag}`, name: 'Words' },
      now,
    );
    areaId = area.id;
    const type = await store.meterTypes.create(
      {
        code: `T-${tag}`,
        name: 'single phase',
        model: 'DDSY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    const terminal = await store.terminals.create(
      { areaId, name: `3号楼集中器-${tag}`, model: 'DH602', mode: 'tcp_client', address: '10.0.0.9:4001' },
      [{ portNo: 2, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      now,
    );
    terminalId = terminal.id;
    meterId = (
      await store.meters.stockIn(
        {
          factoryNo: `HY-${tag}`,
          commAddress: '000000123456',
          meterTypeId: type.id,
          meterTypeVersionId: version?.id ?? 0,
          state: 'installed',
          startingReadingWh: 0,
          areaId,
          terminalPortId: null,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: now,
        },
        now,
      )
    ).id;
    const customer = await store.customers.create(
      { code: `C-${tag}`, name: '王伟', unit: '1-2-301', address: '', idNumber: '', areaId },
      null,
      now,
    );
    const priceType = await store.priceTypes.create(
      { code: `P-${tag}`, name: 'flat', unitPriceMilliFenPerKwh: 52_830 },
      null,
      now,
    );
    await store.accounts.open(
      {
        accountNo: `A-${tag}`,
        customerId: customer.id,
        meterId,
        priceTypeId: priceType.id,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: JSON.stringify([phone]),
        openedAt: now,
      },
      now,
    );
  });

  const messagesOf = async (
    kind: string,
    objectType: string,
    objectId: string,
    evidence: Record<string, unknown>,
  ) => {
    n += 1;
    const sms = new RecordingChannel();
    const log = new RecordingChannel();
    const notifier = new Notifier(store, { channels: { sms, log }, now: () => now + n * 7_200_000 });
    const { alarm } = await store.alarms.raise(
      { kind, objectType, objectId, severity: 'major', areaId, evidence },
      now + n * 7_200_000,
    );
    await notifier.alarmEvent({ kind: 'raised', alarm: alarm as AlarmRow });
    await notifier.drain();
    const clear = await store.alarms.clear(alarm.id, 'condition-ended', now + n * 7_200_000);
    expect(clear).toBeDefined();
    return { sms: sms.sent.map((m) => m.text), log: log.sent.map((m) => m.text) };
  };

  it('tells the resident the meter number, room and account, and that the power is off only when it is', async () => {
    const exhausted = await messagesOf('balance-exhausted', 'meter', String(meterId), { remainingWh: -10 });
    expect(exhausted.sms).toEqual([
      {
        'zh-CN': `【OpenAMI】电表 HY-${tag}（1-2-301，户号 A-${tag}）：余额已用尽，请尽快充值，以免断电`,
        en: `[OpenAMI] meter HY-${tag} (room 1-2-301, account A-${tag}): balance used up: top up soon, or the power will be cut`,
      },
    ]);
    const off = await messagesOf('balance-exhausted', 'meter', String(meterId), { relayOpen: true });
    expect(off.sms[0]?.['zh-CN']).toBe(
      `【OpenAMI】电表 HY-${tag}（1-2-301，户号 A-${tag}）：余额已用尽，已断电，充值后恢复供电`,
    );
    expect(off.sms[0]?.en).toContain('power is off until you top up');
  });

  it('names a terminal and a port by the terminal’s name, not its id', async () => {
    const dark = await messagesOf('terminal-offline', 'terminal', String(terminalId), {});
    expect(dark.log).toEqual([
      {
        'zh-CN': `【OpenAMI】采集终端 3号楼集中器-${tag}：采集终端离线`,
        en: `[OpenAMI] terminal 3号楼集中器-${tag}: collection terminal offline`,
      },
    ]);
    const weak = await messagesOf('port-success-low', 'port', `${terminalId}:2`, {});
    expect(weak.log[0]?.['zh-CN']).toBe(
      `【OpenAMI】采集终端 3号楼集中器-${tag} 的 2 号端口：端口抄读成功率低`,
    );
  });
});

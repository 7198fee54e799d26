// Notifications of alarms: queued in the database (the outbox) the moment an alarm is raised, then sent by
// a worker through channels behind one interface, every attempt and answer recorded, retried with backoff.
// A worker that stops mid-send leaves its lease to run out; the next one sends again with the same delivery
// id, which receivers use to take each message once (the webhook's `X-OpenAMI-Delivery`).
import { createHmac } from 'node:crypto';
import { type AlarmKind, alarmRules } from '@openami/domain';
import type { AlarmRow, NotificationRow, Repositories } from '@openami/storage';
import type { AlarmEvent } from './alarm-engine.ts';

export interface OutgoingMessage {
  readonly id: number;
  readonly recipient: string;
  readonly text: { readonly 'zh-CN': string; readonly en: string };
  readonly alarm: {
    readonly id: number | null;
    readonly kind: string;
    readonly severity: string;
    readonly objectType: string;
    readonly objectId: string;
  };
}

export interface SendResult {
  readonly ok: boolean;
  /** What the provider said, kept with the attempt. */
  readonly answer: string;
  /** Whether trying again later can help (a timeout, a 5xx), as opposed to a refusal. */
  readonly retryable: boolean;
}

export interface Channel {
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Writes each message to a log: the demo's channel, and a record where no provider is configured. */
export class LogChannel implements Channel {
  private readonly log: (line: string) => void;
  constructor(log: (line: string) => void) {
    this.log = log;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.log(`notify ${message.recipient}: ${message.text['zh-CN']}`);
    return { ok: true, answer: 'logged', retryable: false };
  }
}

/**
 * POSTs the message as JSON to a URL, signed: `X-OpenAMI-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" under the shared secret>`; `X-OpenAMI-Delivery` is the message id, the same on every retry.
 */
export class WebhookChannel implements Channel {
  private readonly url: string;
  private readonly secret: string;
  private readonly timeoutMs: number;
  constructor(options: { url: string; secret: string; timeoutMs?: number }) {
    this.url = options.url;
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const body = JSON.stringify(message);
    const t = Math.floor(Date.now() / 1000);
    const signature = webhookSignature(this.secret, t, body);
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-openami-delivery': String(message.id),
          'x-openami-signature': `t=${t},v1=${signature}`,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const answer = `${response.status} ${(await response.text()).slice(0, 500)}`;
      return { ok: response.ok, answer, retryable: response.status >= 500 || response.status === 429 };
    } catch (error) {
      return { ok: false, answer: error instanceof Error ? error.message : String(error), retryable: true };
    }
  }
}

export function webhookSignature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

const KIND_TEXT: Readonly<Record<AlarmKind, { zh: string; en: string }>> = {
  'low-balance': { zh: '余额不足，请及时充值', en: 'balance low: please top up' },
  'balance-exhausted': { zh: '余额已用尽，已断电', en: 'balance used up: power is off' },
  'meter-unreachable': { zh: '电表通信中断', en: 'meter not answering' },
  'terminal-offline': { zh: '采集终端离线', en: 'collection terminal offline' },
  'port-success-low': { zh: '端口抄读成功率低', en: 'low read success on a port' },
  'clock-deviation': { zh: '电表时钟偏差超限', en: 'meter clock off' },
  'power-down': { zh: '电表掉电', en: 'meter lost power' },
  'cover-open': { zh: '电表开盖', en: 'meter cover opened' },
  'terminal-cover-open': { zh: '端钮盒开盖', en: 'terminal cover opened' },
  'relay-tripped': { zh: '电表跳闸', en: 'meter relay tripped' },
  'register-backwards': { zh: '电能示值倒走', en: 'energy register went backwards' },
  'energy-implausible': { zh: '电量超出电表能力', en: 'energy beyond what the meter can pass' },
  'no-consumption': { zh: '电表连续多日零电量', en: 'no consumption for days' },
  'consumption-spike': { zh: '日用电量异常偏高', en: 'daily use far above normal' },
  'overload-trip': { zh: '电表过载跳闸', en: 'meter tripped on overload' },
};

const BALANCE_KINDS: ReadonlySet<string> = new Set(['low-balance', 'balance-exhausted']);

export interface NotifierOptions {
  /** Channels by name: `log`, `webhook` (staff), `sms` (residents' phones). */
  readonly channels: Readonly<Record<string, Channel>>;
  readonly now?: () => number;
  /** How long a worker holds a message it is sending before another may take it. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class Notifier {
  private readonly store: Repositories;
  private readonly options: NotifierOptions;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> = Promise.resolve();
  private halted = false;

  constructor(store: Repositories, options: NotifierOptions) {
    this.store = store;
    this.options = options;
  }

  /** Queues the messages an alarm event calls for: residents' phones for their balance, staff for the rest. */
  async alarmEvent(event: AlarmEvent): Promise<number> {
    if (event.kind !== 'raised') return 0;
    const alarm = event.alarm;
    const recipients: { channel: string; recipient: string }[] = [];
    if (this.options.channels.log !== undefined) recipients.push({ channel: 'log', recipient: 'log' });
    if (this.options.channels.webhook !== undefined)
      recipients.push({ channel: 'webhook', recipient: 'staff' });
    if (
      this.options.channels.sms !== undefined &&
      BALANCE_KINDS.has(alarm.kind) &&
      alarm.objectType === 'meter'
    ) {
      const account = await this.store.accounts.openForMeter(Number(alarm.objectId));
      const phones = account === undefined ? [] : (JSON.parse(account.phones) as string[]);
      for (const phone of phones) recipients.push({ channel: 'sms', recipient: phone });
    }
    return this.store.notifications.enqueue(
      recipients.map((r) => ({
        dedupeKey: `alarm:${alarm.id}:${r.channel}:${r.recipient}`,
        alarmId: alarm.id,
        channel: r.channel,
        recipient: r.recipient,
        body: bodyOf(alarm),
      })),
      this.now(),
    );
  }

  start(): void {
    this.halted = false;
    const tick = () => {
      this.draining = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.halted) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
        });
    };
    tick();
  }

  /** Stops after the messages in hand are sent and recorded. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Sends every due message once; resolves when they are recorded. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.store.notifications.lease(this.now(), this.options.leaseMs ?? 30_000, 50);
      if (batch.length === 0 || this.halted) return sent;
      await Promise.all(batch.map((row) => this.deliver(row)));
      sent += batch.length;
    }
  }

  private async deliver(row: NotificationRow): Promise<void> {
    const channel = this.options.channels[row.channel];
    const result: SendResult =
      channel === undefined
        ? { ok: false, answer: `no channel ${row.channel} is configured`, retryable: false }
        : await channel.send({
            id: row.id,
            recipient: row.recipient,
            ...(JSON.parse(row.body) as Omit<OutgoingMessage, 'id' | 'recipient'>),
          });
    const attempts = row.attempts + 1;
    const giveUp = !result.retryable || attempts >= (this.options.maxAttempts ?? 8);
    const now = this.now();
    await this.store.notifications.recordAttempt(
      row.id,
      {
        ok: result.ok,
        answer: result.answer,
        retryAt: result.ok || giveUp ? null : now + Math.min(60_000, 1000 * 2 ** attempts),
      },
      now,
    );
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function bodyOf(alarm: AlarmRow): Omit<OutgoingMessage, 'id' | 'recipient'> {
  const kind = alarm.kind as AlarmKind;
  const text = KIND_TEXT[kind] ?? { zh: alarm.kind, en: alarm.kind };
  const where = alarm.objectType === 'meter' ? `电表 ${alarm.objectId}` : `端口 ${alarm.objectId}`;
  const whereEn = alarm.objectType === 'meter' ? `meter ${alarm.objectId}` : `port ${alarm.objectId}`;
  const severity = alarmRules[kind]?.severity ?? alarm.severity;
  return {
    text: { 'zh-CN': `【OpenAMI】${where}：${text.zh}`, en: `[OpenAMI] ${whereEn}: ${text.en}` },
    alarm: {
      id: alarm.id,
      kind: alarm.kind,
      severity,
      objectType: alarm.objectType,
      objectId: alarm.objectId,
    },
  };
}

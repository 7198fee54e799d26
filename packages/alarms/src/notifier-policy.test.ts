// The notifier with the policy, on both engines and a fake clock: messages over a rate limit or in quiet
// hours are held with the reason and go later, several at once as one summary; staff e-mail follows each
// user's preference and areas; digests go once a day; a restarted worker resends nothing and drops nothing.
import type { AreaRow, NotificationRow } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel, OutgoingMessage, SendResult } from './channel.ts';
import { Notifier } from './notifier.ts';

// Asia/Shanghai is UTC+8 all year.
const shanghai = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 8, minute);
const HOUR = 3_600_000;
let sequence = 0;
const fresh = (prefix: string) => `${prefix}${process.pid}${String(++sequence).padStart(5, '0')}`;

class RecordingChannel implements Channel {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, answer: '250 queued', retryable: false };
  }
  to(recipient: string): OutgoingMessage[] {
    return this.sent.filter((m) => m.recipient === recipient);
  }
}

describeEachEngine('notifier policy', (context) => {
  let clock = 0;
  const sms = new RecordingChannel();
  const email = new RecordingChannel();
  const notifier = () =>
    new Notifier(context.store, { channels: { sms, email }, now: () => clock, leaseMs: 30_000 });
  const queue = (recipient: string, n: number, kind = 'low-balance', channel = 'sms') =>
    context.store.notifications.enqueue(
      [
        {
          dedupeKey: fresh('q'),
          alarmId: null,
          channel,
          recipient,
          body: { text: { 'zh-CN': `电表 ${n}：${kind}`, en: `meter ${n}: ${kind}` } },
          audience: channel === 'sms' ? 'resident' : 'staff',
          topic: `alarm:${kind}:meter:${n}`,
        },
      ],
      clock,
    );
  const rowsTo = (recipient: string): Promise<NotificationRow[]> =>
    context.store.db
      .selectFrom('notifications')
      .selectAll()
      .where('recipient', '=', recipient)
      .orderBy('id')
      .execute();

  it('hold messages over five an hour and send them as one summary when the window allows', async () => {
    clock = shanghai(3, 12);
    const phone = fresh('139');
    for (let n = 1; n <= 8; n++) await queue(phone, n);
    await notifier().drain();
    expect(sms.to(phone)).toHaveLength(5);
    const held = (await rowsTo(phone)).filter((r) => r.state === 'held');
    expect(held.map((r) => [r.holdReason, r.nextAttemptAt])).toEqual([
      ['rate-limit', clock + HOUR],
      ['rate-limit', clock + HOUR],
      ['rate-limit', clock + HOUR],
    ]);
    clock += HOUR - 1;
    await notifier().drain();
    expect(sms.to(phone)).toHaveLength(5);
    // Another worker (a restart) finds the held messages in the store.
    clock += 1;
    await notifier().drain();
    const sent = sms.to(phone);
    expect(sent).toHaveLength(6);
    const summary = sent[5];
    expect(summary?.text['zh-CN']).toBe(
      '【OpenAMI】因发送频率限制或免打扰时段暂缓的 3 条通知：\n1. 电表 6：low-balance\n2. 电表 7：low-balance\n3. 电表 8：low-balance',
    );
    expect(summary?.text.en).toContain('3 notifications held back');
    const rows = await rowsTo(phone);
    expect(rows.filter((r) => r.state === 'folded').map((r) => r.foldedInto)).toEqual([
      summary?.id,
      summary?.id,
      summary?.id,
    ]);
    expect(rows.filter((r) => r.state === 'delivered')).toHaveLength(6);
    expect(rows.find((r) => r.id === summary?.id)).toMatchObject({ topic: 'summary', audience: 'resident' });
  });

  it('send one message an hour about the same alarm, the repeat after the hour', async () => {
    clock = shanghai(3, 14);
    const phone = fresh('138');
    await queue(phone, 1);
    await notifier().drain();
    clock += 10 * 60_000;
    await queue(phone, 1);
    await queue(phone, 2);
    await notifier().drain();
    expect(sms.to(phone).map((m) => m.text.en)).toEqual(['meter 1: low-balance', 'meter 2: low-balance']);
    expect((await rowsTo(phone)).map((r) => [r.state, r.holdReason])).toEqual([
      ['delivered', null],
      ['held', 'repeat'],
      ['delivered', null],
    ]);
    clock = shanghai(3, 15);
    await notifier().drain();
    // Alone when it came due: sent as itself, not as a summary.
    expect(sms.to(phone).map((m) => m.text.en)).toEqual([
      'meter 1: low-balance',
      'meter 2: low-balance',
      'meter 1: low-balance',
    ]);
  });

  it('keep residents quiet at night but for power off, and not staff; the rest at 07:00', async () => {
    clock = shanghai(3, 23);
    const phone = fresh('137');
    const address = `${fresh('duty')}@example.com`;
    await queue(phone, 1, 'low-balance');
    await queue(phone, 2, 'balance-exhausted');
    await queue(address, 3, 'cover-open', 'email');
    await notifier().drain();
    expect(sms.to(phone).map((m) => m.text.en)).toEqual(['meter 2: balance-exhausted']);
    expect(email.to(address)).toHaveLength(1);
    expect((await rowsTo(phone))[0]).toMatchObject({
      state: 'held',
      holdReason: 'quiet-hours',
      nextAttemptAt: shanghai(4, 7),
    });
    clock = shanghai(4, 6, 59);
    await notifier().drain();
    expect(sms.to(phone)).toHaveLength(1);
    clock = shanghai(4, 7);
    await notifier().drain();
    expect(sms.to(phone).map((m) => m.text.en)).toEqual([
      'meter 2: balance-exhausted',
      'meter 1: low-balance',
    ]);
  });

  it('resend an admitted message after a crash under the same id, without counting it twice', async () => {
    clock = shanghai(5, 10);
    const phone = fresh('136');
    await queue(phone, 1);
    // A worker leased and admitted it, then died before the provider answered.
    const [leased] = (await context.store.notifications.lease(clock, 30_000, 100)).filter(
      (r) => r.recipient === phone,
    );
    if (leased === undefined) throw new Error('queued above');
    await context.store.notifications.admit(leased.id, clock);
    clock += 10_000;
    await notifier().drain();
    expect(sms.to(phone)).toEqual([]);
    clock += 30_000;
    await notifier().drain();
    expect(sms.to(phone).map((m) => m.id)).toEqual([leased.id]);
    expect((await rowsTo(phone))[0]).toMatchObject({ state: 'delivered', admittedAt: shanghai(5, 10) });
    await notifier().drain();
    expect(sms.to(phone)).toHaveLength(1);
  });

  describe('staff', () => {
    let home: AreaRow;
    let elsewhere: AreaRow;
    const staff: Record<string, number> = {};
    beforeAll(async () => {
      home = await context.store.areas.create(
        { parentId: null, kind: 'community', code: fresh('A'), name: fresh('a') },
        0,
      );
      elsewhere = await context.store.areas.create(
        { parentId: null, kind: 'community', code: fresh('A'), name: fresh('a') },
        0,
      );
      const add = async (name: string, delivery: 'each' | 'digest' | 'off', areaId: number | null) => {
        const user = await context.store.users.create(
          {
            username: fresh(name),
            displayName: name,
            passwordHash: 'x',
            role: 'maintenance',
            allAreas: areaId === null,
            locale: 'zh-CN',
          },
          0,
        );
        if (areaId !== null) await context.store.users.setAreas(user.id, [areaId]);
        await context.store.notificationPreferences.set(
          user.id,
          { email: `${user.username}@example.com`, delivery },
          null,
          0,
        );
        staff[name] = user.id;
        return user;
      };
      await add('each', 'each', home.id);
      await add('digest', 'digest', home.id);
      await add('off', 'off', home.id);
      await add('other', 'each', elsewhere.id);
    });
    const addressOf = async (name: string) =>
      `${(await context.store.users.get(staff[name] as number))?.username}@example.com`;

    it('e-mail each alarm to those who chose it, in their areas', async () => {
      clock = shanghai(6, 9);
      const { alarm } = await context.store.alarms.raise(
        {
          kind: 'cover-open',
          objectType: 'meter',
          objectId: fresh(''),
          severity: 'critical',
          areaId: home.id,
          evidence: {},
        },
        clock,
      );
      await notifier().alarmEvent({ kind: 'raised', alarm });
      const rows = await context.store.notifications.ofAlarm(alarm.id);
      expect(rows.map((r) => [r.channel, r.recipient, r.audience])).toEqual([
        ['email', await addressOf('each'), 'staff'],
      ]);
    });

    it('send a digest once a day at 08:00 to those who chose it, of the alarms in their areas', async () => {
      clock = shanghai(6, 20);
      const raise = (kind: string, areaId: number) =>
        context.store.alarms.raise(
          { kind, objectType: 'meter', objectId: fresh(''), severity: 'minor', areaId, evidence: {} },
          clock,
        );
      const { alarm: lowBalance } = await raise('low-balance', home.id);
      await raise('cover-open', elsewhere.id);
      await context.store.alarms.clear(lowBalance.id, 'condition-ended', clock + 1);
      clock = shanghai(7, 7, 59);
      await notifier().drain();
      const digestAddress = await addressOf('digest');
      expect(email.to(digestAddress)).toEqual([]);
      clock = shanghai(7, 8);
      await notifier().drain();
      await notifier().drain();
      const [digest, ...more] = email.to(digestAddress);
      expect(more).toEqual([]);
      expect(digest?.subject).toEqual({
        'zh-CN': '【OpenAMI】告警日报 2026-12-07',
        en: '[OpenAMI] Alarm digest 2026-12-07',
      });
      expect(digest?.text['zh-CN'].split('\n').slice(0, 5)).toEqual([
        '【OpenAMI】告警日报 2026-12-07（您负责的区域）',
        '过去 24 小时新告警 2 条：',
        '  电表开盖：1',
        '  余额不足，请及时充值：1',
        '未处理告警 1 条：',
      ]);
      expect(digest?.text.en).toContain('Open alarms: 1');
      expect(digest?.text.en).toContain('(since 2026-12-06 09:00)');
      // Those who take e-mail one by one, or none, get no digest.
      expect(email.to(await addressOf('each')).every((m) => m.subject === undefined)).toBe(true);
      expect(email.to(await addressOf('off'))).toEqual([]);
    });
  });
});

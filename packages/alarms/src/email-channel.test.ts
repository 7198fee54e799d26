// The e-mail channel against a local SMTP server that upgrades with STARTTLS and asks for a password: what
// arrives is checked as a mail client would see it.
import { migrateToLatest, openStore } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../test/smtp-receiver.ts';
import { EmailChannel } from './email-channel.ts';
import { Notifier, type OutgoingMessage } from './notifier.ts';

const message: OutgoingMessage = {
  id: 42,
  recipient: 'wang.gong@example.com',
  text: {
    'zh-CN': '【OpenAMI】电表 7：电表开盖\n时间 2026-12-03 10:00',
    en: '[OpenAMI] meter 7: meter cover opened\nat 2026-12-03 10:00',
  },
  alarm: { id: 9, kind: 'cover-open', severity: 'critical', objectType: 'meter', objectId: '7' },
};

describe('e-mail channel', () => {
  let receiver: SmtpReceiver;
  let channel: EmailChannel;

  beforeAll(async () => {
    receiver = await startSmtpReceiver({ user: 'openami', password: 'p@ss:word' });
    channel = new EmailChannel({
      url: `smtp://openami:${encodeURIComponent('p@ss:word')}@127.0.0.1:${receiver.port}`,
      from: 'OpenAMI 告警 <alarms@openami.example>',
      requireTls: true,
      acceptAnyCertificate: true,
    });
  });

  afterAll(async () => {
    channel.close();
    await receiver.close();
  });

  it('sends both languages over STARTTLS with the delivery id, and the same id when sent again', async () => {
    expect(await channel.send(message)).toMatchObject({ ok: true, retryable: false });
    expect(await channel.send(message)).toMatchObject({ ok: true });
    expect(receiver.mail).toHaveLength(2);
    const [first, again] = receiver.mail;
    expect(first).toMatchObject({
      secure: true,
      user: 'openami',
      mailFrom: 'alarms@openami.example',
      rcptTo: ['wang.gong@example.com'],
    });
    expect(first?.headers).toMatchObject({
      from: 'OpenAMI 告警 <alarms@openami.example>',
      to: 'wang.gong@example.com',
      subject: '【OpenAMI】电表 7：电表开盖 | [OpenAMI] meter 7: meter cover opened',
      'x-openami-delivery': '42',
      'message-id': '<openami-notification-42@openami.example>',
    });
    expect(first?.text).toContain('【OpenAMI】电表 7：电表开盖\n时间 2026-12-03 10:00');
    expect(first?.text).toContain('[OpenAMI] meter 7: meter cover opened\nat 2026-12-03 10:00');
    expect(first?.text).toContain('Delivery id: 42');
    expect(again?.headers['message-id']).toBe(first?.headers['message-id']);
    expect(again?.headers['x-openami-delivery']).toBe('42');
  });

  it('uses the subject a message brings', async () => {
    const before = receiver.mail.length;
    await channel.send({ ...message, id: 43, subject: { 'zh-CN': '告警日报', en: 'Daily alarm digest' } });
    expect(receiver.mail[before]?.headers.subject).toBe('告警日报 | Daily alarm digest');
  });

  it('gives up on a refused mailbox and tries a busy one again', async () => {
    const refused = await channel.send({ ...message, recipient: 'nobody@refused.example' });
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.answer).toContain('550');
    expect(await channel.send({ ...message, recipient: 'someone@busy.example' })).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it('tries again when the server cannot be reached, and refuses a wrong password', async () => {
    const down = new EmailChannel({ url: 'smtp://127.0.0.1:1', from: 'a@b.example', timeoutMs: 2000 });
    expect(await down.send(message)).toMatchObject({ ok: false, retryable: true });
    const wrong = new EmailChannel({
      url: `smtp://openami:nope@127.0.0.1:${receiver.port}`,
      from: 'a@b.example',
      acceptAnyCertificate: true,
    });
    expect(await wrong.send(message)).toMatchObject({ ok: false, retryable: false });
  });

  it('refuses to send in clear to a server without STARTTLS, unless turned off', async () => {
    const plain = await startSmtpReceiver({ user: 'openami', password: 'x' }, { starttls: false });
    const url = `smtp://127.0.0.1:${plain.port}`;
    const strict = new EmailChannel({ url, from: 'a@b.example', timeoutMs: 2000 });
    const refused = await strict.send(message);
    expect(refused.ok).toBe(false);
    expect(refused.answer).toMatch(/STARTTLS/i);
    expect(plain.mail).toHaveLength(0);
    const lax = new EmailChannel({ url, from: 'a@b.example', requireTls: false, timeoutMs: 2000 });
    expect(await lax.send(message)).toMatchObject({ ok: true });
    expect(plain.mail[0]?.secure).toBe(false);
    strict.close();
    lax.close();
    await plain.close();
  });

  it('takes an alarm from the outbox to the staff member who chose e-mail, under the row’s id', async () => {
    const store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const user = await store.users.create(
      {
        username: 'zhao',
        displayName: '赵工',
        passwordHash: 'x',
        role: 'maintenance',
        allAreas: true,
        locale: 'zh-CN',
      },
      0,
    );
    await store.notificationPreferences.set(user.id, { email: 'zhao@example.cn', delivery: 'each' }, null, 0);
    const { alarm } = await store.alarms.raise(
      {
        kind: 'terminal-cover-open',
        objectType: 'meter',
        objectId: '12',
        severity: 'critical',
        areaId: null,
        evidence: {},
      },
      0,
    );
    const notifier = new Notifier(store, { channels: { email: channel } });
    expect(await notifier.alarmEvent({ kind: 'raised', alarm })).toBe(1);
    await notifier.drain();
    const [row] = await store.notifications.ofAlarm(alarm.id);
    const mail = receiver.mail.find((m) => m.rcptTo.includes('zhao@example.cn'));
    expect(mail?.headers['x-openami-delivery']).toBe(String(row?.id));
    expect(mail?.headers.subject).toBe(
      '【OpenAMI】电表 12：端钮盒开盖 | [OpenAMI] meter 12: terminal cover opened',
    );
    expect(row).toMatchObject({ state: 'delivered', audience: 'staff' });
    expect((await store.notifications.attempts(row?.id as number))[0]?.answer).toMatch(/^250 /);
    await store.close();
  });
});

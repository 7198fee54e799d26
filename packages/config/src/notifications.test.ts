// The notification settings (formerly apps/server/src/notification-config.test.ts).
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { type Environment, loadConfig, readConfig } from './load-config.ts';

const parseConfig = (env: Environment) => loadConfig(env, 'serve');

/** The notification settings of `env` in the site's `timeZone`, and every problem with them. */
function notificationSettings(env: Environment, timeZone: string) {
  const { config, problems } = readConfig({ ...env, OPENAMI_TIME_ZONE: timeZone }, 'serve');
  return { ...config.notifications, problems };
}

describe('notification settings', () => {
  it('default to 5 an hour a recipient, 1 an hour an alarm, quiet 22:00-07:00, digests at 08:00, no e-mail', () => {
    const { notifications } = parseConfig({ OPENAMI_TIME_ZONE: 'Asia/Urumqi' });
    expect(notifications.smtp).toBeUndefined();
    expect(notifications.policy).toMatchObject({
      perRecipient: { count: 5, windowMs: 3_600_000 },
      perAlarm: { count: 1, windowMs: 3_600_000 },
      quietHours: { fromMinute: 22 * 60, toMinute: 7 * 60 },
      timeZone: 'Asia/Urumqi',
      digestHour: 8,
    });
    expect([...notifications.policy.quietBypass]).toContain('balance-exhausted');
  });

  it('read the SMTP server, its sender and whether STARTTLS is required', () => {
    const { smtp, policy, problems } = notificationSettings(
      {
        OPENAMI_SMTP:
          'smtp://alarms:s%40cret@mail.example.cn:587?from=OpenAMI%20%3Calarms%40example.cn%3E&starttls=required',
        OPENAMI_NOTIFY_PER_RECIPIENT: '3/30',
        OPENAMI_NOTIFY_PER_ALARM: '2/120',
        OPENAMI_QUIET_HOURS: '21:30-06:45',
        OPENAMI_QUIET_BYPASS: 'relay-tripped, cover-open',
        OPENAMI_DIGEST_HOUR: '7',
      },
      'Asia/Shanghai',
    );
    expect(problems).toEqual([]);
    expect(smtp).toEqual({
      url: 'smtp://alarms:s%40cret@mail.example.cn:587',
      from: 'OpenAMI <alarms@example.cn>',
      requireTls: true,
    });
    expect(policy).toMatchObject({
      perRecipient: { count: 3, windowMs: 1_800_000 },
      perAlarm: { count: 2, windowMs: 7_200_000 },
      quietHours: { fromMinute: 21 * 60 + 30, toMinute: 6 * 60 + 45 },
      digestHour: 7,
    });
    expect([...policy.quietBypass]).toEqual(['relay-tripped', 'cover-open']);
    const off = notificationSettings({ OPENAMI_QUIET_HOURS: 'off', OPENAMI_QUIET_BYPASS: 'none' }, 'UTC');
    expect(off.policy.quietHours).toBeUndefined();
    expect(off.policy.quietBypass.size).toBe(0);
  });

  it('name every bad setting', () => {
    const error = (() => {
      try {
        parseConfig({
          OPENAMI_SMTP: 'smtp://mail.example.cn',
          OPENAMI_NOTIFY_PER_RECIPIENT: '5 per hour',
          OPENAMI_NOTIFY_PER_ALARM: '0/60',
          OPENAMI_QUIET_HOURS: '22-7',
          OPENAMI_QUIET_BYPASS: 'fire',
          OPENAMI_DIGEST_HOUR: '24',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(/[=:]/, 1)[0])).toEqual([
      'OPENAMI_QUIET_HOURS',
      'OPENAMI_QUIET_BYPASS',
      'OPENAMI_DIGEST_HOUR',
      'OPENAMI_SMTP',
      'OPENAMI_NOTIFY_PER_RECIPIENT',
      'OPENAMI_NOTIFY_PER_ALARM',
    ]);
  });

  it('refuse a webhook without a secret of 16 characters, and never echo a secret', () => {
    const { config, problems } = readConfig(
      {
        OPENAMI_WEBHOOK_URL: 'https://hooks.example.cn/T0KEN',
        OPENAMI_WEBHOOK_SECRET: 'short',
        OPENAMI_SMTP: 'smtp://alarms:s3cret@mail.example.cn',
        OPENAMI_SMS: 'aliyun:id:s3cret',
      },
      'serve',
    );
    expect(config.webhook).toBeUndefined();
    expect(problems).toEqual([
      'OPENAMI_SMS: must be aliyun:AccessKeyId:AccessKeySecret:SignName:TemplateCode or tencent:SecretId:SecretKey:SdkAppId:SignName:TemplateId',
      'OPENAMI_SMTP: from=<address> is required, e.g. ?from=alarms@example.com',
      'OPENAMI_WEBHOOK_SECRET: must be set, at least 16 characters',
    ]);
    const good = parseConfig({
      OPENAMI_WEBHOOK_URL: 'https://hooks.example.cn/T0KEN',
      OPENAMI_WEBHOOK_SECRET: 'sixteen-chars-ok',
      OPENAMI_SMS: 'tencent:id:key:1400000000:OpenAMI:123456',
    });
    expect(good.webhook).toEqual({ url: 'https://hooks.example.cn/T0KEN', secret: 'sixteen-chars-ok' });
    expect(good.sms).toEqual({
      provider: 'tencent',
      secretId: 'id',
      secretKey: 'key',
      sdkAppId: '1400000000',
      signName: 'OpenAMI',
      templateId: '123456',
    });
  });

  it('refuse an http:// webhook unless OPENAMI_WEBHOOK_ALLOW_HTTP, never echoing its address', () => {
    const env = {
      OPENAMI_WEBHOOK_URL: 'http://hooks.example.cn/T0KEN',
      OPENAMI_WEBHOOK_SECRET: 'sixteen-chars-ok',
    };
    const { config, problems } = readConfig(env, 'serve');
    expect(config.webhook).toBeUndefined();
    expect(problems).toEqual([
      'OPENAMI_WEBHOOK_URL: must be https:// (set OPENAMI_WEBHOOK_ALLOW_HTTP=true for a receiver on a trusted network)',
    ]);
    expect(problems.join('\n')).not.toContain('T0KEN');
    expect(parseConfig({ ...env, OPENAMI_WEBHOOK_ALLOW_HTTP: 'true' }).webhook?.url).toBe(
      'http://hooks.example.cn/T0KEN',
    );
  });

  it('require STARTTLS of the mail server unless OPENAMI_SMTP_REQUIRE_STARTTLS=false', () => {
    const url = 'smtp://mail.example.cn?from=alarms@example.cn';
    expect(parseConfig({ OPENAMI_SMTP: url }).notifications.smtp?.requireTls).toBe(true);
    expect(
      parseConfig({ OPENAMI_SMTP: url, OPENAMI_SMTP_REQUIRE_STARTTLS: 'false' }).notifications.smtp
        ?.requireTls,
    ).toBe(false);
    expect(
      parseConfig({ OPENAMI_SMTP: `${url}&starttls=required`, OPENAMI_SMTP_REQUIRE_STARTTLS: 'false' })
        .notifications.smtp?.requireTls,
    ).toBe(true);
  });
});

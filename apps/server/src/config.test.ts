import { defaultNotificationPolicy } from '@openami/alarms';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it("gives serve the collector's key and the SMS provider's account as plain, frozen values", () => {
    const config = parseConfig({
      OPENAMI_ESAM_KEY: '00112233445566778899aabbccddeeff',
      OPENAMI_SMS: 'aliyun:id:secret:OpenAMI:SMS_1',
    });
    expect(config.collectorOptions.esamKey).toBe('00112233445566778899AABBCCDDEEFF');
    expect(config.sms).toEqual({
      provider: 'aliyun',
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: 'OpenAMI',
      templateCode: 'SMS_1',
    });
    expect(parseConfig({}).collectorOptions.esamKey).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("declares the notifier's own defaults", () => {
    expect(parseConfig({}).notifications.policy).toEqual(defaultNotificationPolicy);
  });

  it('checks every setting serve reads', () => {
    expect(() => parseConfig({ OPENAMI_SMTP: 'x', OPENAMI_DIAL_IN_PORT: '0' })).toThrow(ConfigError);
  });
});

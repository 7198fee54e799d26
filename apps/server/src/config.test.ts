import { defaultNotificationPolicy } from '@openami/alarms';
import { SoftSecurityModule } from '@openami/headend';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it("gives serve the collector's security module made from OPENAMI_ESAM_KEY, and the SMS provider's fields", () => {
    const config = parseConfig({
      OPENAMI_ESAM_KEY: '0123456789abcdeffedcba9876543210',
      OPENAMI_SMS: 'aliyun:id:secret:OpenAMI:SMS_1',
    });
    expect(config.collectorOptions.security).toBeInstanceOf(SoftSecurityModule);
    expect(config.collectorOptions).not.toHaveProperty('esamKey');
    expect(config.sms).toEqual(['aliyun', 'id', 'secret', 'OpenAMI', 'SMS_1']);
    expect(parseConfig({}).collectorOptions.security).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("declares the notifier's own defaults", () => {
    expect(parseConfig({}).notifications.policy).toEqual(defaultNotificationPolicy);
  });

  it('checks every setting serve reads', () => {
    expect(() => parseConfig({ OPENAMI_SMTP: 'x', OPENAMI_DIAL_IN_PORT: '0' })).toThrow(ConfigError);
  });
});

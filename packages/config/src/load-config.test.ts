import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { type Environment, loadConfig, loadSetting, readConfig } from './load-config.ts';
import { readers } from './setting.ts';
import { settings } from './settings.ts';

const parseConfig = (env: Environment) => loadConfig(env, 'serve');

// Formerly the `configuration` suite of apps/server/src/server.test.ts.
describe('configuration', () => {
  it('has working defaults and a SQLite file under ./data', () => {
    expect(parseConfig({})).toMatchObject({
      databaseUrl: './data/openami.sqlite',
      port: 8080,
      cookieSecure: 'auto',
      trustProxy: [],
      sessionMaxMs: 12 * 3_600_000,
    });
  });

  it('trusts X-Forwarded-For only from listed proxies, and refuses `true`', () => {
    expect(parseConfig({ OPENAMI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(parseConfig({ OPENAMI_TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.local', '1.2.3.4/8/1']) {
      const { problems } = readConfig({ OPENAMI_TRUST_PROXY: bad }, 'serve');
      expect(problems.join('\n'), bad).toContain('OPENAMI_TRUST_PROXY');
    }
    const { problems } = readConfig({ OPENAMI_TRUST_PROXY: 'true' }, 'serve');
    expect(problems.join('\n')).toContain('list the proxies');
  });

  it('names every bad setting at once', () => {
    const error = (() => {
      try {
        parseConfig({ OPENAMI_PORT: '0', OPENAMI_COOKIE_SECURE: 'yes', OPENAMI_SESSION_HOURS: 'x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});

// Formerly the head-end's `collectorSettings` suite (apps/headend/src/plans/plans.test.ts). The key stays
// hex here; the process that runs the collector makes the security module from it.
describe('collector settings', () => {
  const collectorSettings = (env: Environment) => {
    const { config, problems } = readConfig(env, 'collector');
    return { options: config.collectorOptions, problems };
  };

  it('parse the meter password, zone, dial-in port and ESAM key, and report every bad one', () => {
    const { options, problems } = collectorSettings({
      OPENAMI_METER_PASSWORD: '02:12ab56',
      OPENAMI_TIME_ZONE: 'Asia/Urumqi',
      OPENAMI_DIAL_IN_PORT: '9000',
      OPENAMI_ESAM_KEY: '00112233445566778899aabbccddeeff',
    });
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      timeZone: 'Asia/Urumqi',
      credentials: { passwordLevel: 2, password: '12AB56', operatorCode: '00000000' },
      dialInPort: 9000,
      operatorCode: '00000000',
    });
    expect(options.esamKey).toBe('00112233445566778899AABBCCDDEEFF');
    expect(collectorSettings({}).options.esamKey).toBeUndefined();
    expect(
      collectorSettings({
        OPENAMI_METER_PASSWORD: '123456',
        OPENAMI_TIME_ZONE: 'Mars/Base',
        OPENAMI_OPERATOR_CODE: 'x',
        OPENAMI_ESAM_KEY: 'not-a-key',
      }).problems,
    ).toHaveLength(4);
  });

  it("refuse the simulator's published ESAM key in serve, collector and read, never echoing it", () => {
    const simKey = { OPENAMI_ESAM_KEY: '0123456789abcdeffedcba9876543210' };
    for (const reader of ['serve', 'collector', 'read'] as const) {
      const { config, problems } = readConfig(simKey, reader);
      expect(problems).toEqual([
        "OPENAMI_ESAM_KEY: is the simulator's published test key, which anyone can read; set the utility's own key (only openami demo uses the test key)",
      ]);
      expect(config.collectorOptions.esamKey).toBeUndefined();
      expect(() => loadConfig(simKey, reader)).toThrow(ConfigError);
    }
    // The demo runs the simulator, whose meters hold that key: nothing stops it.
    expect(readConfig(simKey, 'demo').problems).toEqual([]);
  });

  it('give the commands the operator code it sets', () => {
    const { options } = collectorSettings({
      OPENAMI_METER_PASSWORD: '04:abcdef',
      OPENAMI_OPERATOR_CODE: '1a2b3c4d',
    });
    expect(options.credentials).toEqual({ passwordLevel: 4, password: 'ABCDEF', operatorCode: '1A2B3C4D' });
    expect(Object.keys(collectorSettings({}).options).sort()).toEqual([
      'dialIn',
      'operatorCode',
      'spool',
      'timeZone',
    ]);
  });

  it('guard the dial-in port by default and take its settings', () => {
    expect(collectorSettings({}).options.dialIn).toEqual({
      host: '127.0.0.1',
      registrationTimeoutMs: 5000,
      liveWindowMs: 120_000,
      maxConnections: 10_000,
      maxPerAddress: 50,
      flap: { reconnects: 5, windowMs: 600_000 },
    });
    const { options } = collectorSettings({
      OPENAMI_DIAL_IN_HOST: '10.1.2.3',
      OPENAMI_DIAL_IN_IDENTIFY_SECONDS: '3',
      OPENAMI_DIAL_IN_LIVE_SECONDS: '300',
      OPENAMI_DIAL_IN_MAX_CONNECTIONS: '2000',
      OPENAMI_DIAL_IN_MAX_PER_ADDRESS: '400',
      OPENAMI_DIAL_IN_TLS_CERT_PATH: '/etc/openami/dial-in.crt',
      OPENAMI_DIAL_IN_TLS_KEY_PATH: '/etc/openami/dial-in.key',
      OPENAMI_DIAL_IN_CLIENT_CA_PATH: '/etc/openami/terminals-ca.crt',
      OPENAMI_DIAL_IN_FLAP_RECONNECTS: '3',
      OPENAMI_DIAL_IN_FLAP_MINUTES: '30',
    });
    expect(options.dialIn).toEqual({
      host: '10.1.2.3',
      registrationTimeoutMs: 3000,
      liveWindowMs: 300_000,
      maxConnections: 2000,
      maxPerAddress: 400,
      tls: {
        certPath: '/etc/openami/dial-in.crt',
        keyPath: '/etc/openami/dial-in.key',
        clientCaPath: '/etc/openami/terminals-ca.crt',
      },
      flap: { reconnects: 3, windowMs: 1_800_000 },
    });
  });

  it('take TLS files in pairs: half a pair, or a CA or chain without a certificate, is a problem', () => {
    const { config, problems } = readConfig(
      {
        OPENAMI_TLS_KEY_PATH: '/k',
        OPENAMI_TLS_CHAIN_PATH: '/chain',
        OPENAMI_DIAL_IN_TLS_CERT_PATH: '/c',
        OPENAMI_DIAL_IN_CLIENT_CA_PATH: '/ca',
      },
      'serve',
    );
    expect(config.tls).toBeUndefined();
    expect(config.collectorOptions.dialIn.tls).toBeUndefined();
    expect(problems).toEqual([
      'OPENAMI_TLS_CERT_PATH and OPENAMI_TLS_KEY_PATH: set both or neither',
      'OPENAMI_DIAL_IN_TLS_CERT_PATH and OPENAMI_DIAL_IN_TLS_KEY_PATH: set both or neither',
      'OPENAMI_TLS_CHAIN_PATH: needs OPENAMI_TLS_CERT_PATH',
    ]);
    const served = loadConfig({ OPENAMI_TLS_CERT_PATH: '/c', OPENAMI_TLS_KEY_PATH: '/k' }, 'serve');
    expect(served.tls).toEqual({ certPath: '/c', keyPath: '/k' });
  });
});

describe('loadConfig', () => {
  it('says what is wrong in words, naming the setting, and never echoes a secret', () => {
    const { problems } = readConfig(
      {
        OPENAMI_PORT: '80x',
        OPENAMI_LOG_LEVEL: 'loud',
        OPENAMI_TIME_ZONE: 'Mars/Base',
        OPENAMI_METER_PASSWORD: 'hunter2',
        OPENAMI_ESAM_KEY: 'hunter2',
        OPENAMI_DIGEST_HOUR: '25',
      },
      'serve',
    );
    expect(problems).toEqual([
      'OPENAMI_PORT=80x: must be a whole number from 1 to 65535',
      'OPENAMI_LOG_LEVEL=loud: must be one of fatal, error, warn, info, debug, trace, silent',
      'OPENAMI_TIME_ZONE=Mars/Base: not a time zone (for example Asia/Shanghai)',
      'OPENAMI_METER_PASSWORD: must be level:password, two digits and six hex digits (02:123456)',
      'OPENAMI_ESAM_KEY: must be 32 hex digits (the SM4 master key of the soft ESAM)',
      'OPENAMI_DIGEST_HOUR=25: must be a whole hour from 0 to 23',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes an empty setting for an unset one, as NAME= in an environment file means', () => {
    const config = parseConfig({ OPENAMI_DATABASE_URL: '', OPENAMI_HOST: '', OPENAMI_LOG_LEVEL: '' });
    expect(config).toMatchObject({
      databaseUrl: './data/openami.sqlite',
      host: '127.0.0.1',
      logLevel: 'info',
    });
  });

  it('looks only at the settings the command reads', () => {
    const env = { OPENAMI_SMTP: 'nonsense', OPENAMI_PORT: '70000', OPENAMI_TIME_ZONE: 'Mars/Base' };
    expect(readConfig(env, 'serve').problems).toHaveLength(3);
    expect(readConfig(env, 'collector').problems).toEqual([
      'OPENAMI_TIME_ZONE=Mars/Base: not a time zone (for example Asia/Shanghai)',
    ]);
    expect(readConfig(env, 'demo').problems).toEqual([
      'OPENAMI_PORT=70000: must be a whole number from 1 to 65535',
    ]);
    expect(readConfig(env, 'migrate').problems).toEqual([]);
  });

  it('is frozen', () => {
    const config = parseConfig({ OPENAMI_METER_PASSWORD: '02:123456' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.collectorOptions.credentials)).toBe(true);
    expect(Object.isFrozen(config.notifications.policy.perAlarm)).toBe(true);
  });

  it('reads one setting alone', () => {
    expect(loadSetting({}, 'databaseUrl')).toBe('./data/openami.sqlite');
    expect(loadSetting({ OPENAMI_DATABASE_URL: 'postgres://x@db/openami' }, 'databaseUrl')).toBe(
      'postgres://x@db/openami',
    );
    expect(() => loadSetting({ OPENAMI_PORT: 'x' }, 'port')).toThrow(ConfigError);
  });
});

describe('settings from files (NAME_FILE)', () => {
  const readFile = (path: string) => readFileSync(path, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'openami-config-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads every secret and the database URL from the file NAME_FILE names, less a trailing newline', () => {
    const config = loadConfig(
      {
        OPENAMI_ESAM_KEY_FILE: file('esam', '00112233445566778899aabbccddeeff\n'),
        OPENAMI_DATABASE_URL_FILE: file('db', 'postgres://openami:s3cret@db/openami\r\n'),
        OPENAMI_WEBHOOK_URL: 'https://hooks.example.cn/openami',
        OPENAMI_WEBHOOK_SECRET_FILE: file('hook', 'a shared secret, 16+ chars\n'),
        OPENAMI_SMS_FILE: file('sms', 'aliyun:id:secret:OpenAMI:SMS_1'),
      },
      'serve',
      readFile,
    );
    expect(config.collectorOptions.esamKey).toBe('00112233445566778899AABBCCDDEEFF');
    expect(config.databaseUrl).toBe('postgres://openami:s3cret@db/openami');
    expect(config.webhook?.secret).toBe('a shared secret, 16+ chars');
    expect(config.sms).toMatchObject({ provider: 'aliyun', accessKeySecret: 'secret' });
    expect(
      loadSetting({ OPENAMI_DATABASE_URL_FILE: file('db2', 'x.sqlite\n') }, 'databaseUrl', readFile),
    ).toBe('x.sqlite');
    for (const declared of Object.values(settings)) if (declared.secret) expect(declared.fromFile).toBe(true);
  });

  it('refuses both NAME and NAME_FILE in words', () => {
    const { problems } = readConfig(
      { OPENAMI_ESAM_KEY: '00112233445566778899aabbccddeeff', OPENAMI_ESAM_KEY_FILE: file('k', 'x') },
      'serve',
      readFile,
    );
    expect(problems).toEqual(['OPENAMI_ESAM_KEY and OPENAMI_ESAM_KEY_FILE are both set: set one of them']);
  });

  it('refuses a file it cannot read in words, naming the path', () => {
    const missing = join(dir, 'absent');
    expect(() => loadConfig({ OPENAMI_SMTP_FILE: missing }, 'serve', readFile)).toThrow(
      `OPENAMI_SMTP_FILE=${missing}: cannot read the file (no such file)`,
    );
  });

  it('does not take NAME_FILE for a setting that is no secret', () => {
    expect(loadConfig({ [`${settings.port.name}_FILE`]: join(dir, 'absent') }, 'serve', readFile).port).toBe(
      8080,
    );
  });
});

describe('the declarations', () => {
  const declared = Object.values(settings);

  it('name each setting once, OPENAMI_ and capitals, with a one-line meaning and a reader', () => {
    const names = declared.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const setting of declared) {
      expect(setting.name).toMatch(/^OPENAMI_[A-Z0-9_]+$/);
      expect(setting.meaning).toMatch(/^[^\n]{10,130}$/);
      expect(setting.readBy.length).toBeGreaterThan(0);
      for (const reader of setting.readBy) expect(readers).toContain(reader);
    }
  });

  it('give each secret no default that would be printed, and each setting without a default a word for it', () => {
    for (const setting of declared) {
      if (setting.secret) expect(setting.default).toBeUndefined();
      if (setting.default === undefined && !setting.secret) expect(setting.defaultText).toBeDefined();
    }
  });

  it('are read by some command each', () => {
    for (const reader of readers)
      expect(
        declared.some((s) => s.readBy.includes(reader)),
        reader,
      ).toBe(true);
  });
});

import { collectorSettings } from '@openami/headend/api';
import { defaultSqlitePath } from '@openami/storage';
import { type NotificationSettings, notificationSettings } from './notification-config.ts';

/** The server's settings, parsed once from the environment; every bad setting is reported at once. */
export interface ServerConfig {
  /** OPENAMI_DATABASE_URL: `postgres://…`, or a SQLite file path (default ./data/openami.sqlite). */
  readonly databaseUrl: string;
  /** OPENAMI_HOST: the address to listen on (default 127.0.0.1). */
  readonly host: string;
  /** OPENAMI_PORT: the TCP port (default 8080). */
  readonly port: number;
  /** OPENAMI_SESSION_HOURS: idle lifetime of a browser session (default 12). */
  readonly sessionTtlMs: number;
  /** OPENAMI_COOKIE_SECURE: `true` behind HTTPS, so the session cookie is never sent in clear (default false). */
  readonly cookieSecure: boolean;
  /** OPENAMI_TRUST_PROXY: `true` behind a reverse proxy, so audit records the client's address (default false). */
  readonly trustProxy: boolean;
  /** OPENAMI_LOG_LEVEL: pino level (default info). */
  readonly logLevel: string;
  /** OPENAMI_COLLECTOR (or `serve --collector`): run the head-end in this process (default false). */
  readonly collector: boolean;
  /** OPENAMI_TIME_ZONE, OPENAMI_METER_PASSWORD, OPENAMI_OPERATOR_CODE, OPENAMI_DIAL_IN_PORT. */
  readonly collectorOptions: ReturnType<typeof collectorSettings>['options'];
  /** OPENAMI_WEBHOOK_URL and OPENAMI_WEBHOOK_SECRET: where staff alarm notifications are POSTed, signed. */
  readonly webhook: { readonly url: string; readonly secret: string } | undefined;
  /**
   * OPENAMI_SMS: residents' balance alarms by SMS, `aliyun:<AccessKeyId>:<AccessKeySecret>:<SignName>:<TemplateCode>`
   * or `tencent:<SecretId>:<SecretKey>:<SdkAppId>:<SignName>:<TemplateId>`.
   */
  readonly sms: readonly string[] | undefined;
  /**
   * OPENAMI_SMTP, OPENAMI_NOTIFY_PER_RECIPIENT, OPENAMI_NOTIFY_PER_ALARM, OPENAMI_QUIET_HOURS,
   * OPENAMI_QUIET_BYPASS, OPENAMI_DIGEST_HOUR: staff e-mail, rate limits, quiet hours, digests.
   */
  readonly notifications: Omit<NotificationSettings, 'problems'>;
  /**
   * OPENAMI_WEB_ROOT: the directory of the built web application to serve at `/`. Unset, `openami serve`
   * serves the one built in apps/web/dist when it is there.
   */
  readonly webRoot: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function parseConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    problems.push(`${name}=${raw}: must be true or false`);
    return false;
  };
  const logLevel = env.OPENAMI_LOG_LEVEL ?? 'info';
  if (!logLevels.includes(logLevel))
    problems.push(`OPENAMI_LOG_LEVEL=${logLevel}: must be one of ${logLevels.join(', ')}`);
  const collector = collectorSettings(env);
  problems.push(...collector.problems);
  let webhook: ServerConfig['webhook'];
  const webhookUrl = env.OPENAMI_WEBHOOK_URL ?? '';
  const webhookSecret = env.OPENAMI_WEBHOOK_SECRET ?? '';
  if (webhookUrl !== '') {
    if (!/^https?:\/\/\S+$/.test(webhookUrl))
      problems.push(`OPENAMI_WEBHOOK_URL=${webhookUrl}: must be an http(s) URL`);
    else if (webhookSecret.length < 16)
      problems.push('OPENAMI_WEBHOOK_SECRET: must be set, at least 16 characters');
    else webhook = { url: webhookUrl, secret: webhookSecret };
  }
  let sms: string[] | undefined;
  const smsSetting = env.OPENAMI_SMS ?? '';
  if (smsSetting !== '') {
    const parts = smsSetting.split(':');
    const ok =
      (parts[0] === 'aliyun' && parts.length === 5) || (parts[0] === 'tencent' && parts.length === 6);
    if (ok && parts.every((p) => p !== '')) sms = parts;
    else
      problems.push(
        'OPENAMI_SMS: must be aliyun:AccessKeyId:AccessKeySecret:SignName:TemplateCode or tencent:SecretId:SecretKey:SdkAppId:SignName:TemplateId',
      );
  }
  const { problems: notificationProblems, ...notifications } = notificationSettings(
    env,
    collector.options.timeZone ?? 'Asia/Shanghai',
  );
  problems.push(...notificationProblems);
  const config: ServerConfig = {
    databaseUrl: env.OPENAMI_DATABASE_URL ?? defaultSqlitePath,
    host: env.OPENAMI_HOST ?? '127.0.0.1',
    port: integer('OPENAMI_PORT', 8080, 1, 65_535),
    sessionTtlMs: integer('OPENAMI_SESSION_HOURS', 12, 1, 24 * 30) * 3_600_000,
    cookieSecure: flag('OPENAMI_COOKIE_SECURE'),
    trustProxy: flag('OPENAMI_TRUST_PROXY'),
    logLevel,
    collector: flag('OPENAMI_COLLECTOR'),
    collectorOptions: collector.options,
    webhook,
    sms,
    notifications,
    webRoot: env.OPENAMI_WEB_ROOT === '' ? undefined : env.OPENAMI_WEB_ROOT,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

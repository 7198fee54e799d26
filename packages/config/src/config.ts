import type { AlarmKind } from '@openami/domain';
import type { MeterPassword } from './meter-password.ts';
import type { QuietHours, RateLimit } from './notification-kinds.ts';
import type { LogLevel, SettingValues } from './settings.ts';
import type { SmsSettings } from './sms.ts';
import type { SmtpSettings } from './smtp.ts';

/** The password and operator code commands carry (the head-end's credentials). */
export interface MeterCredentials extends MeterPassword {
  readonly operatorCode: string;
}

/**
 * What the head-end is configured with, in plain values; the caller makes the security module from the
 * key. Absent rather than undefined where unset, so the object spreads into the collector's options.
 */
export interface CollectorSettings {
  readonly timeZone: string;
  readonly operatorCode: string;
  readonly credentials?: MeterCredentials;
  readonly dialInPort?: number;
  /** How the dial-in port guards itself (the dial-in settings). */
  readonly dialIn: DialInGuard;
  /** 32 upper-case hex digits: the SM4 master key of the soft security module. */
  readonly esamKey?: string;
}

/** The dial-in port's bind address, identification deadline, live window and connection caps. */
export interface DialInGuard {
  readonly host: string;
  readonly registrationTimeoutMs: number;
  readonly liveWindowMs: number;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
}

export interface NotificationPolicySettings {
  readonly perRecipient: RateLimit;
  readonly perAlarm: RateLimit;
  readonly quietHours: QuietHours | undefined;
  readonly quietBypass: ReadonlySet<AlarmKind>;
  readonly timeZone: string;
  readonly digestHour: number;
}

/** OpenAMI's settings, read once from the environment. Each field says which setting it comes from. */
export interface Config {
  /** OPENAMI_DATABASE_URL. */
  readonly databaseUrl: string;
  /** OPENAMI_HOST. */
  readonly host: string;
  /** OPENAMI_PORT. */
  readonly port: number;
  /** OPENAMI_SESSION_HOURS, in milliseconds. */
  readonly sessionTtlMs: number;
  /** OPENAMI_COOKIE_SECURE. */
  readonly cookieSecure: boolean;
  /** OPENAMI_TRUST_PROXY. */
  readonly trustProxy: boolean;
  /** OPENAMI_LOG_LEVEL. */
  readonly logLevel: LogLevel;
  /** OPENAMI_UPLOAD_MAX_MIB, in bytes: the largest import file. */
  readonly uploadMaxBytes: number;
  /** OPENAMI_MAX_CONNECTIONS. */
  readonly maxConnections: number;
  /** OPENAMI_SHUTDOWN_SECONDS, in milliseconds: how long serve takes to stop on a signal. */
  readonly shutdownMs: number;
  /** OPENAMI_WEB_ROOT; unset, `openami serve` serves apps/web/dist when it is built. */
  readonly webRoot: string | undefined;
  /** OPENAMI_COLLECTOR (or `serve --collector`): run the head-end in this process. */
  readonly collector: boolean;
  /** OPENAMI_TIME_ZONE: the site's. */
  readonly timeZone: string;
  /** OPENAMI_TIME_ZONE, OPENAMI_METER_PASSWORD, OPENAMI_OPERATOR_CODE, the dial-in settings, OPENAMI_ESAM_KEY. */
  readonly collectorOptions: CollectorSettings;
  /** OPENAMI_WEBHOOK_URL (https:// unless OPENAMI_WEBHOOK_ALLOW_HTTP) with OPENAMI_WEBHOOK_SECRET: where staff alarm notifications are POSTed, signed. */
  readonly webhook: { readonly url: string; readonly secret: string } | undefined;
  /** OPENAMI_LEDGER_CHECK_HOURS, in milliseconds: how often serve checks the kept balances (0: never). */
  readonly ledgerCheckMs: number;
  /** OPENAMI_APPROVAL_ABOVE_FEN and OPENAMI_APPROVAL_ABOVE_WH: above these a second person approves (0: never). */
  readonly approval: { readonly aboveFen: number; readonly aboveWh: number };
  /** OPENAMI_METRICS_TOKEN: the bearer token of /metrics; undefined, it answers only on loopback. */
  readonly metricsToken: string | undefined;
  /** OPENAMI_SMS. */
  readonly sms: SmsSettings | undefined;
  /**
   * OPENAMI_SMTP with OPENAMI_SMTP_REQUIRE_STARTTLS, OPENAMI_NOTIFY_PER_RECIPIENT, OPENAMI_NOTIFY_PER_ALARM, OPENAMI_QUIET_HOURS,
   * OPENAMI_QUIET_BYPASS, OPENAMI_DIGEST_HOUR, in the site's time zone: staff e-mail, rate limits, quiet
   * hours, digests.
   */
  readonly notifications: {
    readonly smtp: SmtpSettings | undefined;
    readonly policy: NotificationPolicySettings;
  };
}

const HOUR = 3_600_000;

/** The settings' values as the processes use them, frozen. */
export function configOf(values: SettingValues): Config {
  const { timeZone, operatorCode, meterPassword, dialInPort, esamKey } = values;
  const collectorOptions: CollectorSettings = {
    timeZone,
    operatorCode,
    ...(meterPassword === undefined ? {} : { credentials: { ...meterPassword, operatorCode } }),
    ...(dialInPort === undefined ? {} : { dialInPort }),
    dialIn: {
      host: values.dialInHost,
      registrationTimeoutMs: values.dialInIdentifySeconds * 1000,
      liveWindowMs: values.dialInLiveSeconds * 1000,
      maxConnections: values.dialInMaxConnections,
      maxPerAddress: values.dialInMaxPerAddress,
    },
    ...(esamKey === undefined ? {} : { esamKey }),
  };
  const { webhookUrl, webhookSecret } = values;
  return deepFreeze({
    databaseUrl: values.databaseUrl,
    host: values.host,
    port: values.port,
    sessionTtlMs: values.sessionHours * HOUR,
    cookieSecure: values.cookieSecure,
    trustProxy: values.trustProxy,
    logLevel: values.logLevel,
    uploadMaxBytes: values.uploadMaxMib * 1024 * 1024,
    maxConnections: values.maxConnections,
    shutdownMs: values.shutdownSeconds * 1000,
    webRoot: values.webRoot,
    collector: values.collector,
    timeZone,
    collectorOptions,
    webhook:
      webhookUrl === undefined || webhookSecret === undefined
        ? undefined
        : { url: webhookUrl, secret: webhookSecret },
    ledgerCheckMs: values.ledgerCheckHours * HOUR,
    approval: { aboveFen: values.approvalAboveFen, aboveWh: values.approvalAboveWh },
    metricsToken: values.metricsToken,
    sms: values.sms,
    notifications: {
      smtp:
        values.smtp === undefined
          ? undefined
          : { ...values.smtp, requireTls: values.smtp.requireTls || values.smtpRequireStarttls },
      policy: {
        perRecipient: values.notifyPerRecipient,
        perAlarm: values.notifyPerAlarm,
        quietHours: values.quietHours,
        quietBypass: values.quietBypass,
        timeZone,
        digestHour: values.digestHour,
      },
    },
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Set) && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

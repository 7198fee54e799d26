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
  /** OPENAMI_SPOOL_DIR and OPENAMI_SPOOL_MAX_MIB: where readings wait while the database is down. */
  readonly spool: { readonly directory: string; readonly maxFileBytes: number };
}

/**
 * The dial-in port's bind address, identification deadline, live window, connection caps, TLS (absent:
 * plain TCP) and when a terminal's link counts as flapping.
 */
export interface DialInGuard {
  readonly host: string;
  readonly registrationTimeoutMs: number;
  readonly liveWindowMs: number;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
  readonly tls?: { readonly certPath: string; readonly keyPath: string; readonly clientCaPath?: string };
  readonly flap: { readonly reconnects: number; readonly windowMs: number };
}

/** Where the API's HTTPS certificate, key and intermediates are (PEM files). */
export interface TlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly chainPath?: string;
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
  /** OPENAMI_TLS_CERT_PATH, OPENAMI_TLS_KEY_PATH, OPENAMI_TLS_CHAIN_PATH; undefined: plain HTTP. */
  readonly tls: TlsFiles | undefined;
  /** OPENAMI_SESSION_HOURS, in milliseconds. */
  readonly sessionTtlMs: number;
  /** OPENAMI_SESSION_MAX_HOURS, in milliseconds: a browser session's absolute lifetime. */
  readonly sessionMaxMs: number;
  /** OPENAMI_COOKIE_SECURE: `auto` marks cookies Secure when the request came over HTTPS. */
  readonly cookieSecure: CookieSecure;
  /** OPENAMI_TRUST_PROXY: the proxies' addresses and CIDR blocks; empty trusts none. */
  readonly trustProxy: readonly string[];
  /** OPENAMI_TOTP_REQUIRED: administrators and finance users must have a TOTP second factor. */
  readonly totpRequired: boolean;
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
  /** OPENAMI_RETENTION_HOURS and the periods beside it: how often serve removes old rows (0: never), and what is kept how long. */
  readonly retention: RetentionSettings;
  /** OPENAMI_AUDIT_KEY: the audit chain's HMAC key; undefined, serve refuses to start. */
  readonly auditKey: string | undefined;
  /** OPENAMI_AUDIT_HEADS_DIR: where signed audit heads are exported; undefined, none are. */
  readonly auditHeadsDir: string | undefined;
  /** OPENAMI_AUDIT_CHECK_HOURS, in milliseconds: how often serve verifies the audit chain (0: never). */
  readonly auditCheckMs: number;
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

/** OPENAMI_COOKIE_SECURE's values. */
export type CookieSecure = 'auto' | 'true' | 'false';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long each kind of row is kept, in milliseconds; undefined: kept for ever. */
export interface RetentionPeriods {
  readonly readingsMs: number | undefined;
  readonly clearedAlarmsMs: number | undefined;
  readonly notificationsMs: number | undefined;
  readonly residentCodesMs: number;
}
export interface RetentionSettings extends RetentionPeriods {
  readonly everyMs: number;
}

const orForever = (ms: number) => (ms === 0 ? undefined : ms);

/** The retention periods from the settings (also read alone by `openami retention`). */
export function retentionOf(
  values: Pick<
    SettingValues,
    | 'retentionReadingsDays'
    | 'retentionAlarmsMonths'
    | 'retentionNotificationsDays'
    | 'retentionResidentCodesHours'
  >,
): RetentionPeriods {
  return {
    readingsMs: orForever(values.retentionReadingsDays * DAY),
    clearedAlarmsMs: orForever(values.retentionAlarmsMonths * 30 * DAY),
    notificationsMs: orForever(values.retentionNotificationsDays * DAY),
    residentCodesMs: values.retentionResidentCodesHours * HOUR,
  };
}

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
      ...(values.dialInTlsCertPath === undefined || values.dialInTlsKeyPath === undefined
        ? {}
        : {
            tls: {
              certPath: values.dialInTlsCertPath,
              keyPath: values.dialInTlsKeyPath,
              ...(values.dialInClientCaPath === undefined ? {} : { clientCaPath: values.dialInClientCaPath }),
            },
          }),
      flap: { reconnects: values.dialInFlapReconnects, windowMs: values.dialInFlapMinutes * 60_000 },
    },
    ...(esamKey === undefined ? {} : { esamKey }),
    spool: { directory: values.spoolDir, maxFileBytes: values.spoolMaxMib * 1024 * 1024 },
  };
  const { webhookUrl, webhookSecret } = values;
  return deepFreeze({
    databaseUrl: values.databaseUrl,
    host: values.host,
    port: values.port,
    tls:
      values.tlsCertPath === undefined || values.tlsKeyPath === undefined
        ? undefined
        : {
            certPath: values.tlsCertPath,
            keyPath: values.tlsKeyPath,
            ...(values.tlsChainPath === undefined ? {} : { chainPath: values.tlsChainPath }),
          },
    sessionTtlMs: values.sessionHours * HOUR,
    sessionMaxMs: values.sessionMaxHours * HOUR,
    cookieSecure: values.cookieSecure,
    trustProxy: values.trustProxy,
    totpRequired: values.totpRequired,
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
    retention: { everyMs: values.retentionHours * HOUR, ...retentionOf(values) },
    auditKey: values.auditKey,
    auditHeadsDir: values.auditHeadsDir,
    auditCheckMs: values.auditCheckHours * HOUR,
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

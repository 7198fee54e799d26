// Every OPENAMI_* setting of OpenAMI, once. `.env.example` and the table in docs/configuration.md are made
// from this list (`npm run config:docs`), and a test fails when either falls behind it. The order is the
// order of the documentation and of the problems reported at start.
import {
  atLeastOrOff,
  flag,
  hexDigits,
  httpUrl,
  integer,
  type Kind,
  ok,
  oneOf,
  problem,
  text,
  timeZone,
} from './kind.ts';
import { meterPassword } from './meter-password.ts';
import { alarmKindSet, quietHours, rate } from './notification-kinds.ts';
import { proxyList } from './proxy-list.ts';
import { setting } from './setting.ts';
import { sms } from './sms.ts';
import { smtp } from './smtp.ts';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const collecting = ['serve', 'collector', 'read'] as const;

/**
 * ESAM master keys printed in OpenAMI's own source, upper case: the simulated meters' factory key
 * (`SIM_TEST_ESAM_KEY` of @openami/sim). A command that reaches real meters refuses them.
 */
export const publishedEsamKeys: readonly string[] = ['0123456789ABCDEFFEDCBA9876543210'];

/** A secret a client sends: at least 16 characters, so it cannot be guessed in a few tries. */
const longSecret: Kind<string> = {
  type: 'text, at least 16 characters',
  parse: (raw) => (raw.length >= 16 ? ok(raw) : problem('must be at least 16 characters')),
};

export const settings = {
  databaseUrl: setting({
    name: 'OPENAMI_DATABASE_URL',
    kind: text('file path, or `postgres://` URL'),
    default: './data/openami.sqlite',
    // A PostgreSQL URL carries the password.
    fromFile: true,
    readBy: ['serve', 'collector', 'read', 'migrate', 'user', 'audit', 'ledger', 'retention'],
    meaning: 'The database: a SQLite file path, or postgres://user:password@host:5432/db for PostgreSQL.',
    details:
      'PostgreSQL 15 or newer; anything not starting with `postgres://` is a SQLite file. The commands that take `--database` prefer it.',
  }),
  databaseOwnerUrl: setting({
    name: 'OPENAMI_DATABASE_OWNER_URL',
    kind: text('`postgres://` URL'),
    defaultText: 'OPENAMI_DATABASE_URL',
    fromFile: true,
    readBy: ['migrate'],
    meaning:
      'PostgreSQL: the schema owner, for `openami migrate` and `openami db roles` (runtime: OPENAMI_DATABASE_URL).',
    details: 'docs/operations.md, "PostgreSQL roles". Unset, migrate uses OPENAMI_DATABASE_URL.',
  }),
  host: setting({
    name: 'OPENAMI_HOST',
    kind: text('address'),
    default: '127.0.0.1',
    readBy: ['serve'],
    meaning: 'The address the API listens on.',
  }),
  port: setting({
    name: 'OPENAMI_PORT',
    kind: integer(1, 65_535),
    default: '8080',
    readBy: ['serve', 'demo'],
    meaning: 'The TCP port the API listens on.',
    details: '`openami demo --port` takes precedence over it.',
  }),
  tlsCertPath: setting({
    name: 'OPENAMI_TLS_CERT_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none (plain HTTP)',
    readBy: ['serve'],
    meaning:
      'The certificate the API and web application are served with over HTTPS; with OPENAMI_TLS_KEY_PATH.',
    details:
      'A PEM file; the server certificate first, its intermediates may follow (or go in OPENAMI_TLS_CHAIN_PATH). Set, `serve` speaks only HTTPS on OPENAMI_PORT and every answer carries HSTS. The files are read again when they change and on SIGHUP; a new pair that does not load is logged and counted, and the old one stays (docs/operations.md).',
  }),
  tlsKeyPath: setting({
    name: 'OPENAMI_TLS_KEY_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none',
    readBy: ['serve'],
    meaning: "The private key of OPENAMI_TLS_CERT_PATH's certificate (PEM, unencrypted).",
  }),
  tlsChainPath: setting({
    name: 'OPENAMI_TLS_CHAIN_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none',
    readBy: ['serve'],
    meaning: 'Intermediate certificates sent after the certificate, when they are not in its file.',
  }),
  sessionHours: setting({
    name: 'OPENAMI_SESSION_HOURS',
    kind: integer(1, 24 * 30),
    type: 'hours, 1–720',
    default: '12',
    readBy: ['serve'],
    meaning: 'Idle lifetime of a browser session, in hours.',
  }),
  sessionMaxHours: setting({
    name: 'OPENAMI_SESSION_MAX_HOURS',
    kind: integer(1, 24 * 30),
    type: 'hours, 1–720',
    default: '12',
    readBy: ['serve'],
    meaning: 'Absolute lifetime of a browser session, in hours: it ends then however busy it is.',
    details: 'The idle lifetime (OPENAMI_SESSION_HOURS) slides with use; this one never does.',
  }),
  cookieSecure: setting({
    name: 'OPENAMI_COOKIE_SECURE',
    kind: oneOf(['auto', 'true', 'false'] as const),
    default: 'auto',
    readBy: ['serve'],
    meaning:
      'Whether session cookies are marked Secure (sent over HTTPS only): auto, when the sign-in came over HTTPS.',
    details:
      "`auto` keys on the request's protocol: TLS to this process, or a trusted proxy's `X-Forwarded-Proto: https` (OPENAMI_TRUST_PROXY). `true` and `false` override it.",
  }),
  trustProxy: setting({
    name: 'OPENAMI_TRUST_PROXY',
    kind: proxyList,
    default: 'false',
    readBy: ['serve'],
    meaning:
      'The reverse proxies (addresses or CIDR blocks) whose X-Forwarded-For and X-Forwarded-Proto are believed.',
    details:
      "The client's address for sign-in lockout and the audit log is then taken from X-Forwarded-For as far back as the hops are listed proxies; from anyone else the header is ignored. `true` is refused (docs/security.md).",
  }),
  totpRequired: setting({
    name: 'OPENAMI_TOTP_REQUIRED',
    kind: flag,
    default: 'false',
    readBy: ['serve'],
    meaning:
      'true requires a TOTP second factor of administrators and finance users: without one they must enrol at sign-in.',
    details:
      'Until they have confirmed a code from their authenticator app, such a user can only enrol, ask who they are and sign out (docs/security.md).',
  }),
  logLevel: setting({
    name: 'OPENAMI_LOG_LEVEL',
    kind: oneOf(logLevels),
    default: 'info',
    readBy: ['serve'],
    meaning: 'How much the API logs (pino levels, JSON lines on standard output).',
  }),
  webRoot: setting({
    name: 'OPENAMI_WEB_ROOT',
    kind: text('directory'),
    defaultText: 'apps/web/dist when built',
    readBy: ['serve'],
    meaning: 'The built web application, served at / beside the API.',
    details:
      '`npm ci` builds it; `npm run build -w @openami/web` rebuilds it. A directory without `index.html` stops `serve` at start.',
  }),
  uploadMaxMib: setting({
    name: 'OPENAMI_UPLOAD_MAX_MIB',
    kind: integer(1, 256),
    type: 'MiB, 1–256',
    default: '8',
    readBy: ['serve'],
    meaning: 'The largest import file (.xlsx or .csv) the API takes, in MiB.',
    details:
      'Any other request body stops at 1 MiB. An .xlsx may unpack to at most 64 MiB and a sheet hold at most 100 000 rows, whatever this says (docs/security.md).',
  }),
  maxConnections: setting({
    name: 'OPENAMI_MAX_CONNECTIONS',
    kind: integer(1, 100_000),
    default: '1000',
    readBy: ['serve'],
    meaning: 'Open HTTP connections the API holds at once; further ones are closed as they arrive.',
    details: 'Each open event stream (alarms, collection runs) holds one.',
  }),
  shutdownSeconds: setting({
    name: 'OPENAMI_SHUTDOWN_SECONDS',
    kind: integer(1, 600, 'seconds'),
    type: 'seconds, 1–600',
    default: '10',
    readBy: ['serve'],
    meaning: 'The longest serve takes to stop on SIGTERM or SIGINT.',
    details:
      'Event streams end at once, the API stops accepting and lets the requests in flight finish, then the collector and the notifier stop and the database closes. Past it, or on a second signal, the process exits with status 1 and logs what was still open (docs/operations.md).',
  }),
  collector: setting({
    name: 'OPENAMI_COLLECTOR',
    kind: flag,
    default: 'false',
    readBy: ['serve'],
    meaning: 'true runs the head-end inside serve, as serve --collector does.',
    details:
      'The head-end runs the reading plans, "read now" and meter commands. Without it, and without an `openami collector` process on the same database, those routes answer `FIELD_UNAVAILABLE`.',
  }),
  timeZone: setting({
    name: 'OPENAMI_TIME_ZONE',
    kind: timeZone,
    default: 'Asia/Shanghai',
    readBy: collecting,
    meaning: "The site's time zone.",
    details:
      'Plan schedules, daily freezes, the days of the roll-ups and of abnormal use, meter clocks, tariff periods and tier cycles, quiet hours and digests. `openami collector --time-zone` takes precedence over it.',
  }),
  meterPassword: setting({
    name: 'OPENAMI_METER_PASSWORD',
    kind: meterPassword,
    secret: true,
    defaultText: 'none (commands are refused)',
    readBy: collecting,
    meaning: 'level:password that relay and parameter commands are sent with, e.g. 02:123456.',
    details: 'Without it commands are refused before anything is sent.',
  }),
  operatorCode: setting({
    name: 'OPENAMI_OPERATOR_CODE',
    kind: hexDigits(8, 'eight'),
    default: '00000000',
    readBy: collecting,
    meaning: 'Eight hex digits the meter records as who programmed it.',
  }),
  esamKey: setting({
    name: 'OPENAMI_ESAM_KEY',
    kind: hexDigits(32, '32', 'the SM4 master key of the soft ESAM'),
    secret: true,
    defaultText: 'none (top-ups are refused)',
    readBy: collecting,
    meaning:
      'The SM4 master key of the soft security module that authenticates top-ups of local fee-control meters.',
    details:
      "Identity authentication and MACs, `docs/protocols/dlt645.md`. The simulator's meters ship with `0123456789ABCDEFFEDCBA9876543210`, which `openami demo` uses; being published, that key stops `serve`, `collector` and `read` at start. Without a key top-ups are refused before anything is persisted.",
  }),
  dialInPort: setting({
    name: 'OPENAMI_DIAL_IN_PORT',
    kind: integer(1, 65_535),
    defaultText: 'any free port',
    readBy: collecting,
    meaning: 'The TCP port terminals in TCP-client mode (GPRS) connect to.',
    details: '`openami collector --dial-in-port` takes precedence over it.',
  }),
  dialInHost: setting({
    name: 'OPENAMI_DIAL_IN_HOST',
    kind: text('address'),
    default: '127.0.0.1',
    readBy: collecting,
    meaning: 'The address the dial-in port listens on: set the one terminals reach (the APN side).',
    details:
      'The default keeps the port off the network until it is chosen; `0.0.0.0` listens on every interface. See [security.md](security.md#dial-in-port).',
  }),
  dialInIdentifySeconds: setting({
    name: 'OPENAMI_DIAL_IN_IDENTIFY_SECONDS',
    kind: integer(1, 60, 'seconds'),
    type: 'seconds, 1–60',
    default: '5',
    readBy: collecting,
    meaning: 'How long a connection to the dial-in port has to send its registration before it is closed.',
  }),
  dialInLiveSeconds: setting({
    name: 'OPENAMI_DIAL_IN_LIVE_SECONDS',
    kind: integer(1, 3600, 'seconds'),
    type: 'seconds, 1–3600',
    default: '120',
    readBy: collecting,
    meaning:
      "A terminal's link heard within this many seconds is live: a newcomer sending its registration is refused, not let take it over.",
    details:
      "Above the terminals' heartbeat interval. A terminal whose old link went half-dead gets in once the old link has been silent this long (or was dropped for missed heartbeats).",
  }),
  dialInMaxConnections: setting({
    name: 'OPENAMI_DIAL_IN_MAX_CONNECTIONS',
    kind: integer(1, 1_000_000),
    default: '10000',
    readBy: collecting,
    meaning: 'Connections the dial-in port holds at once, identified or not; the next is refused and logged.',
  }),
  dialInMaxPerAddress: setting({
    name: 'OPENAMI_DIAL_IN_MAX_PER_ADDRESS',
    kind: integer(1, 1_000_000),
    default: '50',
    readBy: collecting,
    meaning:
      'Connections the dial-in port holds at once from one source address; the next is refused and logged.',
    details: 'Behind carrier NAT many terminals share one address: raise it to their number there.',
  }),
  spoolDir: setting({
    name: 'OPENAMI_SPOOL_DIR',
    kind: text('directory'),
    default: './data/spool',
    readBy: collecting,
    meaning:
      'Where the collector keeps readings while the database is down, past the 10 000 rows it keeps in memory.',
    details:
      'One append-only file, `readings.spool`, stored in order and removed once the database returns; a collector started after a stop during an outage stores what it finds there first (docs/operations.md).',
  }),
  spoolMaxMib: setting({
    name: 'OPENAMI_SPOOL_MAX_MIB',
    kind: integer(1, 65_536),
    type: 'MiB, 1–65536',
    default: '256',
    readBy: collecting,
    meaning:
      'The cap of the spool file, in MiB: readings past it are lost, logged as `ALARM readings lost` and counted.',
    details:
      'A meter read (energy and instant rows) takes about 600 bytes on disk: 256 MiB holds some 400 000.',
  }),
  dialInTlsCertPath: setting({
    name: 'OPENAMI_DIAL_IN_TLS_CERT_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none (plain TCP)',
    readBy: collecting,
    meaning:
      "The head-end's certificate on the dial-in port; with OPENAMI_DIAL_IN_TLS_KEY_PATH the port speaks only TLS.",
    details:
      'For terminals that can dial in over TLS. The files are read at start (`openami collector` and `serve --collector` read them again on SIGHUP). See [security.md](security.md#dial-in-tls).',
  }),
  dialInTlsKeyPath: setting({
    name: 'OPENAMI_DIAL_IN_TLS_KEY_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none',
    readBy: collecting,
    meaning: "The private key of the dial-in port's certificate (PEM, unencrypted).",
  }),
  dialInClientCaPath: setting({
    name: 'OPENAMI_DIAL_IN_CLIENT_CA_PATH',
    kind: text('file path (PEM)'),
    defaultText: 'none (no client certificates)',
    readBy: collecting,
    meaning:
      'The CA whose certificates terminals must present on the dial-in port (mutual TLS); needs OPENAMI_DIAL_IN_TLS_CERT_PATH.',
    details:
      "A terminal's certificate must be signed by it and name, as its common name, the registration the terminal sends (`DTU0001`; a registration that is not printable ASCII as `hex:` and its lower-case hex). Terminals known by their address alone need only the CA's signature.",
  }),
  dialInFlapReconnects: setting({
    name: 'OPENAMI_DIAL_IN_FLAP_RECONNECTS',
    kind: integer(1, 1000),
    default: '5',
    readBy: collecting,
    meaning:
      "More reconnections of a terminal's dial-in link than this within OPENAMI_DIAL_IN_FLAP_MINUTES raise a link-flapping alarm.",
    details:
      'Newcomers refused because the live link was heard (OPENAMI_DIAL_IN_LIVE_SECONDS) count as well. The alarm clears once the window holds no more than this again, after the damping time (docs/alarms.md).',
  }),
  dialInFlapMinutes: setting({
    name: 'OPENAMI_DIAL_IN_FLAP_MINUTES',
    kind: integer(1, 1440, 'minutes'),
    type: 'minutes, 1–1440',
    default: '10',
    readBy: collecting,
    meaning: 'The window over which dial-in reconnections are counted for the link-flapping alarm.',
  }),
  webhookUrl: setting({
    name: 'OPENAMI_WEBHOOK_URL',
    kind: httpUrl,
    // Many webhook addresses carry their access token in the path.
    secret: true,
    readBy: ['serve'],
    meaning: 'Where staff alarm notifications are POSTed as JSON, signed with OPENAMI_WEBHOOK_SECRET.',
    details:
      'The signature: `X-OpenAMI-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; `X-OpenAMI-Delivery` is the message\'s id, the same on every retry (take each id once). Every notification is also logged.',
  }),
  webhookAllowHttp: setting({
    name: 'OPENAMI_WEBHOOK_ALLOW_HTTP',
    kind: flag,
    default: 'false',
    readBy: ['serve'],
    meaning: 'true lets OPENAMI_WEBHOOK_URL be http://; otherwise only https:// is taken.',
    details:
      'Alarms, meter numbers and the signature would cross the network in clear: for a receiver on the same host or a trusted network only.',
  }),
  webhookSecret: setting({
    name: 'OPENAMI_WEBHOOK_SECRET',
    kind: text('text, at least 16 characters'),
    secret: true,
    readBy: ['serve'],
    meaning: "The shared secret of the webhook's signature; required with OPENAMI_WEBHOOK_URL.",
  }),
  sms: setting({
    name: 'OPENAMI_SMS',
    kind: sms,
    secret: true,
    defaultText: 'none (residents cannot sign in)',
    readBy: ['serve'],
    meaning: "The SMS provider for residents' balance alarms and sign-in codes.",
    details:
      "To the account's phone numbers ([resident.md](resident.md)): `aliyun:<AccessKeyId>:<AccessKeySecret>:<SignName>:<TemplateCode>` (Alibaba Cloud SMS, `SendSms`, the template's one parameter `content`) or `tencent:<SecretId>:<SecretKey>:<SdkAppId>:<SignName>:<TemplateId>` (Tencent Cloud SMS, one template parameter).",
  }),
  quietHours: setting({
    name: 'OPENAMI_QUIET_HOURS',
    kind: quietHours,
    default: '22:00-07:00',
    readBy: ['serve'],
    meaning: 'Site hours in which residents get no SMS; held messages go at the end.',
    details: "In the site's time (`OPENAMI_TIME_ZONE`); `off`: no quiet hours. Staff are not held.",
  }),
  quietBypass: setting({
    name: 'OPENAMI_QUIET_BYPASS',
    kind: alarmKindSet,
    default: 'balance-exhausted,relay-tripped,cover-open,terminal-cover-open',
    readBy: ['serve'],
    meaning: 'Alarm kinds that reach residents in quiet hours too.',
    details: '`none` for none.',
  }),
  digestHour: setting({
    name: 'OPENAMI_DIGEST_HOUR',
    kind: integer(0, 23, 'hour'),
    type: 'hour of the day, 0–23',
    default: '8',
    readBy: ['serve'],
    meaning:
      "Site hour at which staff who chose a digest get one e-mail of the last 24 hours' alarms in their areas.",
  }),
  ledgerCheckHours: setting({
    name: 'OPENAMI_LEDGER_CHECK_HOURS',
    kind: integer(0, 24 * 30, 'hours'),
    type: 'hours, 0–720',
    default: '24',
    readBy: ['serve'],
    meaning:
      "How often serve compares every account's kept balance with its vending ledger entries; 0 turns the check off.",
    details:
      'The first check runs a minute after start. An account whose kept balance (`account_balances`) differs from its entries raises a `ledger-drift` alarm on its meter and a warning in the log; refunds and cancels on it are refused `BALANCE_DRIFT` until an administrator rebuilds it (`openami ledger rebuild`, docs/vending.md). The same check runs on demand: `openami ledger check`, `POST /api/ledger/check`.',
  }),
  approvalAboveFen: setting({
    name: 'OPENAMI_APPROVAL_ABOVE_FEN',
    kind: integer(0, 1_000_000_000, 'fen'),
    type: 'fen, 0–1000000000',
    default: '0',
    readBy: ['serve'],
    meaning: 'Refunds and cancels above this many fen wait for a second person (vending.approve); 0: never.',
    details:
      'The request is kept pending and moves nothing until another user (finance, an administrator) of the account\'s area approves it (`/vending/approvals`), which carries it out once; a refusal leaves nothing. At or below the amount nothing changes. docs/vending.md, "Approvals".',
  }),
  approvalAboveWh: setting({
    name: 'OPENAMI_APPROVAL_ABOVE_WH',
    kind: integer(0, 1_000_000_000, 'Wh'),
    type: 'Wh, 0–1000000000',
    default: '0',
    readBy: ['serve'],
    meaning:
      'Adjustments owed to a customer and preset cards above this many Wh wait for a second person; 0: never.',
    details:
      'As OPENAMI_APPROVAL_ABOVE_FEN. Energy owed back (a negative adjustment) never waits. A preset card belongs to no area, so only an approver of every area sees it.',
  }),
  auditKey: setting({
    name: 'OPENAMI_AUDIT_KEY',
    kind: {
      type: 'text, at least 32 characters',
      parse: (raw) => (raw.length >= 32 ? ok(raw) : problem('must be at least 32 characters')),
    },
    secret: true,
    defaultText: 'none (serve refuses to start)',
    readBy: ['serve', 'collector', 'read', 'migrate', 'user', 'audit', 'ledger'],
    meaning:
      "The audit log's secret: new audit entries are hashed with HMAC-SHA-256 under it; exported heads signed by it.",
    details:
      'Make it once with `openssl rand -hex 32` and keep it outside the database (a secret file: `OPENAMI_AUDIT_KEY_FILE`) and in the backup of secrets, not beside the database backup: without it nobody can tell a rewritten audit log from the real one, and with it anyone can. `serve` refuses to start without it; `openami demo` makes its own in its data directory. A database written before the key continues: its entries stay plain SHA-256 and the chain is keyed from the next entry on (docs/security.md). Every command that writes audit entries (user, ledger, collector, read) needs it once the chain is keyed.',
  }),
  auditHeadsDir: setting({
    name: 'OPENAMI_AUDIT_HEADS_DIR',
    kind: text('directory'),
    defaultText: 'none (no heads exported)',
    readBy: ['serve', 'audit'],
    meaning:
      "Where serve writes the audit chain's signed head at each audit check (`openami audit verify --heads`).",
    details:
      'Put it outside the database server and its backups, ideally on storage the database administrator cannot rewrite (another host, write-once storage): a head exported there catches a truncated or rewritten tail even by someone holding the key. docs/decisions/0002-signed-audit-heads.md.',
  }),
  auditCheckHours: setting({
    name: 'OPENAMI_AUDIT_CHECK_HOURS',
    kind: integer(0, 24 * 30, 'hours'),
    type: 'hours, 0–720',
    default: '24',
    readBy: ['serve'],
    meaning:
      'How often serve verifies the audit chain and the ledger against it, and exports a signed head; 0: never.',
    details:
      'The first check runs two minutes after start. Any difference raises the `audit-broken` alarm (docs/alarms.md) and an error in the log. The same check on demand: `openami audit verify`.',
  }),
  retentionHours: setting({
    name: 'OPENAMI_RETENTION_HOURS',
    kind: integer(0, 24 * 30, 'hours'),
    type: 'hours, 0–720',
    default: '24',
    readBy: ['serve'],
    meaning: 'How often serve removes what is older than its retention (the settings below); 0 turns it off.',
    details:
      'The first run starts ten minutes after start. Each run removes a batch at a time (each its own short transaction) and is audited (`system.retention`): what was removed, how many rows, older than what. `openami retention run [--dry-run]` does the same on demand (docs/operations.md).',
  }),
  retentionReadingsDays: setting({
    name: 'OPENAMI_RETENTION_READINGS_DAYS',
    kind: integer(0, 36_500, 'days'),
    type: 'days, 0–36500',
    default: '400',
    readBy: ['serve', 'retention'],
    meaning:
      'Raw interval readings (energy and instantaneous) older than so many days are removed; 0 keeps them.',
    details:
      "Never removed: the daily and monthly roll-ups and the meters' daily freezes (what reports read), each meter's newest reading and its newest one with the prepaid registers, and on an open remote account's meter the readings its next charge needs. Hourly reports reach back only as far as the readings kept.",
  }),
  retentionAlarmsMonths: setting({
    name: 'OPENAMI_RETENTION_ALARMS_MONTHS',
    kind: atLeastOrOff(12, 1200, 'months', 'cleared alarms are kept a year at least'),
    type: 'months, 0 or 12–1200',
    default: '36',
    readBy: ['serve', 'retention'],
    meaning: 'Cleared alarms cleared more than so many months (of 30 days) ago are removed; 0 keeps them.',
    details: 'Never less than 12: a shorter setting is refused at start. Open and acknowledged alarms stay.',
  }),
  retentionNotificationsDays: setting({
    name: 'OPENAMI_RETENTION_NOTIFICATIONS_DAYS',
    kind: integer(0, 36_500, 'days'),
    type: 'days, 0–36500',
    default: '180',
    readBy: ['serve', 'retention'],
    meaning:
      'Delivered, failed and folded notifications (and their attempts) queued more than so many days ago are removed; 0 keeps them.',
    details: 'Pending and held ones stay, whatever their age.',
  }),
  retentionResidentCodesHours: setting({
    name: 'OPENAMI_RETENTION_RESIDENT_CODES_HOURS',
    kind: integer(2, 24 * 365, 'hours'),
    type: 'hours, 2–8760',
    default: '24',
    readBy: ['serve', 'retention'],
    meaning:
      "Residents' one-time sign-in codes (hashed, with the phone number and address) asked for more than so many hours ago are removed.",
    details: 'At least 2: the limits on codes per account and per address count the last hour.',
  }),
  metricsToken: setting({
    name: 'OPENAMI_METRICS_TOKEN',
    kind: longSecret,
    secret: true,
    defaultText: 'none (/metrics answers only on loopback)',
    readBy: ['serve'],
    meaning: 'The bearer token a Prometheus scrape of /metrics must send (`Authorization: Bearer <token>`).',
    details:
      'Without it /metrics answers only to requests from the machine itself (127.0.0.1, ::1). `/healthz` and `/readyz` answer everyone and tell nothing but up or not (docs/operations.md).',
  }),
  smtp: setting({
    name: 'OPENAMI_SMTP',
    kind: smtp,
    secret: true,
    readBy: ['serve'],
    meaning: 'The mail server of alarm e-mail to staff who chose it (their notification preference).',
    details:
      '`smtp://[user:password@]host[:port]?from=<address>` (port 587 by default; STARTTLS required, see OPENAMI_SMTP_REQUIRE_STARTTLS) or `smtps://…` (TLS from the start, port 465). Percent-encode `@`, `:` and `<>` in the user, password and sender, e.g. `?from=OpenAMI%20%3Calarms%40example.cn%3E`. Each mail carries `X-OpenAMI-Delivery` and a Message-ID made from the delivery id, the same on every resend.',
  }),
  smtpRequireStarttls: setting({
    name: 'OPENAMI_SMTP_REQUIRE_STARTTLS',
    kind: flag,
    default: 'true',
    readBy: ['serve'],
    meaning: 'false lets smtp:// mail (and its password) go in clear to a server that offers no STARTTLS.',
    details:
      'With true an `smtp://` server that does not offer STARTTLS gets no mail: the attempt fails and is retried. `smtps://` is TLS from the start either way.',
  }),
  notifyPerRecipient: setting({
    name: 'OPENAMI_NOTIFY_PER_RECIPIENT',
    kind: rate,
    default: '5/60',
    readBy: ['serve'],
    meaning: 'At most so many messages (SMS or e-mail) to one phone number or address per so many minutes.',
    details: 'Messages over it are held and go as one summary when the window allows.',
  }),
  notifyPerAlarm: setting({
    name: 'OPENAMI_NOTIFY_PER_ALARM',
    kind: rate,
    default: '1/60',
    readBy: ['serve'],
    meaning:
      'At most so many messages about the same alarm kind and object to one recipient per so many minutes.',
    details: 'Repeats are held likewise.',
  }),
} as const;

export type SettingKey = keyof typeof settings;

/** The value of every setting, each of its declared type. */
export type SettingValues = {
  readonly [K in SettingKey]: (typeof settings)[K]['fallback'];
};

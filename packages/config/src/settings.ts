// Every OPENAMI_* setting of OpenAMI, once. `.env.example` and the table in docs/configuration.md are made
// from this list (`npm run config:docs`), and a test fails when either falls behind it. The order is the
// order of the documentation and of the problems reported at start.
import { flag, hexDigits, httpUrl, integer, type Kind, ok, oneOf, problem, text, timeZone } from './kind.ts';
import { meterPassword } from './meter-password.ts';
import { alarmKindSet, quietHours, rate } from './notification-kinds.ts';
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
    readBy: ['serve', 'collector', 'read', 'migrate', 'user', 'audit', 'ledger'],
    meaning: 'The database: a SQLite file path, or postgres://user:password@host:5432/db for PostgreSQL.',
    details:
      'PostgreSQL 15 or newer; anything not starting with `postgres://` is a SQLite file. The commands that take `--database` prefer it.',
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
  sessionHours: setting({
    name: 'OPENAMI_SESSION_HOURS',
    kind: integer(1, 24 * 30),
    type: 'hours, 1–720',
    default: '12',
    readBy: ['serve'],
    meaning: 'Idle lifetime of a browser session, in hours.',
  }),
  cookieSecure: setting({
    name: 'OPENAMI_COOKIE_SECURE',
    kind: flag,
    default: 'false',
    readBy: ['serve'],
    meaning: 'true behind HTTPS: the session cookie is then never sent in clear.',
  }),
  trustProxy: setting({
    name: 'OPENAMI_TRUST_PROXY',
    kind: flag,
    default: 'false',
    readBy: ['serve'],
    meaning:
      "true behind a reverse proxy, so the audit log records the client's address from X-Forwarded-For.",
    details:
      "The proxy's `X-Forwarded-Proto: https` is then believed too, and answers carry HSTS (docs/security.md).",
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

import { defaultNotificationPolicy, type NotificationPolicy, type SmtpSettings } from '@openami/alarms';
import { alarmKinds } from '@openami/domain';

/** The notification settings of the environment, and every problem with them. */
export interface NotificationSettings {
  readonly smtp: SmtpSettings | undefined;
  readonly policy: NotificationPolicy;
  readonly problems: readonly string[];
}

/**
 * OPENAMI_SMTP (`smtp://[user:password@]host[:port]?from=<address>[&starttls=required]`, or `smtps://` for
 * TLS from the start), OPENAMI_NOTIFY_PER_RECIPIENT and OPENAMI_NOTIFY_PER_ALARM (`<messages>/<minutes>`,
 * default 5/60 and 1/60), OPENAMI_QUIET_HOURS (`HH:MM-HH:MM` site time or `off`, default 22:00-07:00),
 * OPENAMI_QUIET_BYPASS (alarm kinds that reach residents in quiet hours, comma-separated, or `none`),
 * OPENAMI_DIGEST_HOUR (0–23, default 8). The site's zone is OPENAMI_TIME_ZONE's.
 */
export function notificationSettings(
  env: Readonly<Record<string, string | undefined>>,
  timeZone: string,
): NotificationSettings {
  const problems: string[] = [];
  const defaults = defaultNotificationPolicy;
  const rate = (name: string, fallback: NotificationPolicy['perRecipient']) => {
    const raw = env[name] ?? '';
    if (raw === '') return fallback;
    const match = /^(\d{1,4})\/(\d{1,5})$/.exec(raw);
    const count = Number(match?.[1]);
    const minutes = Number(match?.[2]);
    if (match === null || count < 1 || minutes < 1 || minutes > 7 * 24 * 60) {
      problems.push(`${name}=${raw}: must be <messages>/<minutes>, for example 5/60`);
      return fallback;
    }
    return { count, windowMs: minutes * 60_000 };
  };
  let quietHours = defaults.quietHours;
  const quiet = env.OPENAMI_QUIET_HOURS ?? '';
  if (quiet === 'off') quietHours = undefined;
  else if (quiet !== '') {
    const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(quiet);
    if (match === null) problems.push(`OPENAMI_QUIET_HOURS=${quiet}: must be HH:MM-HH:MM (site time) or off`);
    else {
      const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
      quietHours = { fromMinute: h1 * 60 + m1, toMinute: h2 * 60 + m2 };
    }
  }
  let quietBypass = defaults.quietBypass;
  const bypass = env.OPENAMI_QUIET_BYPASS ?? '';
  if (bypass === 'none') quietBypass = new Set();
  else if (bypass !== '') {
    const kinds = bypass.split(',').map((k) => k.trim());
    const unknown = kinds.filter((k) => !(alarmKinds as readonly string[]).includes(k));
    if (unknown.length > 0)
      problems.push(
        `OPENAMI_QUIET_BYPASS: ${unknown.join(', ')}: not alarm kinds (${alarmKinds.join(', ')})`,
      );
    else quietBypass = new Set(kinds);
  }
  const hourRaw = env.OPENAMI_DIGEST_HOUR ?? '';
  let digestHour = defaults.digestHour;
  if (hourRaw !== '') {
    if (!/^\d{1,2}$/.test(hourRaw) || Number(hourRaw) > 23)
      problems.push(`OPENAMI_DIGEST_HOUR=${hourRaw}: must be a whole hour from 0 to 23`);
    else digestHour = Number(hourRaw);
  }
  const smtp = smtpSettings(env.OPENAMI_SMTP ?? '', problems);
  return {
    smtp,
    policy: Object.freeze({
      perRecipient: rate('OPENAMI_NOTIFY_PER_RECIPIENT', defaults.perRecipient),
      perAlarm: rate('OPENAMI_NOTIFY_PER_ALARM', defaults.perAlarm),
      quietHours,
      quietBypass,
      timeZone,
      digestHour,
    }),
    problems,
  };
}

function smtpSettings(raw: string, problems: string[]): SmtpSettings | undefined {
  if (raw === '') return undefined;
  const shape = 'must be smtp://[user:password@]host[:port]?from=<address> (or smtps://)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`OPENAMI_SMTP: ${shape}`);
    return undefined;
  }
  const from = url.searchParams.get('from') ?? '';
  const starttls = url.searchParams.get('starttls');
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    problems.push(`OPENAMI_SMTP: ${shape}`);
  } else if (!/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(from)) {
    problems.push('OPENAMI_SMTP: from=<address> is required, e.g. ?from=alarms@example.com');
  } else if (starttls !== null && starttls !== 'required') {
    problems.push('OPENAMI_SMTP: starttls may only be `required`');
  } else {
    const server = new URL(raw);
    server.search = '';
    return { url: server.toString(), from, requireTls: starttls === 'required' };
  }
  return undefined;
}

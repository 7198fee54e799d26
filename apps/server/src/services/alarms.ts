// Alarms as staff see them: only those in their areas (alarms on a port follow its terminal's area), the
// acknowledgement with a comment, audited, and the live feed of changes.
import { type AlarmEngine, type AlarmSubject, alarmKindText, alarmSubjects } from '@openami/alarms';
import { localParts } from '@openami/domain';
import type { AlarmFilter, AlarmRow, AlarmSort, Page, PageRequest, Repositories } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope, requireArea } from '../policies/scope.ts';
import { recordAudit } from './audit.ts';

export interface AlarmView extends Omit<AlarmRow, 'evidence'> {
  readonly evidence: unknown;
  /** What the alarm is about, as people know it (the meter's number, room and account; the terminal's name). */
  readonly subject: AlarmSubject;
}

function viewOf(row: AlarmRow, subject: AlarmSubject): AlarmView {
  let evidence: unknown = {};
  try {
    evidence = JSON.parse(row.evidence);
  } catch {
    evidence = { unreadable: row.evidence };
  }
  return { ...row, evidence, subject };
}

/** Alarms as the API answers them, each with its subject (every meter and terminal looked up once). */
export async function alarmViews(store: Repositories, rows: readonly AlarmRow[]): Promise<AlarmView[]> {
  const subjects = await alarmSubjects(store, rows);
  return rows.map((row, i) => viewOf(row, subjects[i] as AlarmSubject));
}

export async function alarmView(store: Repositories, row: AlarmRow): Promise<AlarmView> {
  return (await alarmViews(store, [row]))[0] as AlarmView;
}

/** The list's filter as the API takes it: an area by id (checked against the caller's areas). */
export type AlarmQuery = Omit<AlarmFilter, 'areaPath'> & { readonly areaId?: number };

export async function listAlarms(
  context: ServiceContext,
  query: AlarmQuery,
  page: PageRequest<AlarmSort>,
): Promise<Page<AlarmView>> {
  const { areaId, ...rest } = query;
  const filter: AlarmFilter =
    areaId === undefined ? rest : { ...rest, areaPath: (await areaInScope(context, areaId)).path };
  const result = await context.store.alarms.list(context.principal.scope, filter, page);
  return { ...result, items: await alarmViews(context.store, result.items) };
}

async function alarmInScope(context: ServiceContext, id: number): Promise<AlarmRow> {
  const alarm = await context.store.alarms.get(id);
  if (alarm === undefined) throw new AppError('NOT_FOUND', { entity: 'alarm', id });
  // An alarm whose area is gone (null, or a row no longer there) is for users of every area only.
  if (context.principal.scope.kind !== 'all') {
    const area = alarm.areaId === null ? undefined : await context.store.areas.get(alarm.areaId);
    if (area === undefined) throw new AppError('AREA_FORBIDDEN');
    requireArea(context.principal, area.path);
  }
  return alarm;
}

export async function getAlarm(context: ServiceContext, id: number): Promise<AlarmView> {
  return alarmView(context.store, await alarmInScope(context, id));
}

export async function acknowledgeAlarm(
  context: ServiceContext,
  engine: AlarmEngine,
  id: number,
  comment: string,
): Promise<AlarmView> {
  const alarm = await alarmInScope(context, id);
  if (alarm.state !== 'raised') throw new AppError('ALARM_NOT_OPEN', { id, state: alarm.state });
  const by = {
    userId: context.principal.userId > 0 ? context.principal.userId : null,
    name: context.principal.username,
  };
  const done = await engine.acknowledge(id, by, comment);
  if (done === undefined) throw new AppError('ALARM_NOT_OPEN', { id });
  await recordAudit(context.store, context, 'alarm.acknowledged', 'alarm', id, { kind: alarm.kind, comment });
  return alarmView(context.store, done);
}

/**
 * Several alarms acknowledged with one comment (a dark terminal's, a storm's): every one must be in the
 * caller's areas, or nothing is acknowledged; each still raised is acknowledged and audited on its own, and
 * one somebody (or the engine) acknowledged or cleared meanwhile is skipped and said so.
 */
export async function acknowledgeAlarms(
  context: ServiceContext,
  engine: AlarmEngine,
  ids: readonly number[],
  comment: string,
): Promise<{ acknowledged: AlarmView[]; skipped: { id: number; state: string }[] }> {
  const alarms = [];
  for (const id of ids) alarms.push(await alarmInScope(context, id));
  const by = {
    userId: context.principal.userId > 0 ? context.principal.userId : null,
    name: context.principal.username,
  };
  const acknowledged: AlarmRow[] = [];
  const skipped: { id: number; state: string }[] = [];
  for (const alarm of alarms) {
    const done = alarm.state === 'raised' ? await engine.acknowledge(alarm.id, by, comment) : undefined;
    if (done === undefined) {
      skipped.push({ id: alarm.id, state: (await context.store.alarms.get(alarm.id))?.state ?? alarm.state });
      continue;
    }
    await recordAudit(context.store, context, 'alarm.acknowledged', 'alarm', alarm.id, {
      kind: alarm.kind,
      comment,
      batch: ids.length,
    });
    acknowledged.push(done);
  }
  return { acknowledged: await alarmViews(context.store, acknowledged), skipped };
}

const severityWords: Readonly<Record<string, { zh: string; en: string }>> = {
  critical: { zh: '紧急', en: 'critical' },
  major: { zh: '重要', en: 'major' },
  minor: { zh: '一般', en: 'minor' },
  info: { zh: '提示', en: 'info' },
};

const stateWords: Readonly<Record<string, { zh: string; en: string }>> = {
  raised: { zh: '待确认', en: 'raised' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
  cleared: { zh: '已解除', en: 'cleared' },
};

function inWords(
  words: { zh: string; en: string } | undefined,
  code: string,
  locale: 'zh-CN' | 'en',
): string {
  if (words === undefined) return code;
  return locale === 'en' ? words.en : words.zh;
}

/** `YYYY-MM-DD hh:mm:ss` in the site's time zone, as the office reads times (the header names the zone). */
function siteTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/**
 * Alarms as a table for export, all in the requester's language (kinds, severities and states in words) and
 * times in the site's time zone.
 */
export function alarmTable(
  alarms: readonly AlarmView[],
  locale: 'zh-CN' | 'en',
  timeZone: string,
): string[][] {
  const header =
    locale === 'en'
      ? [
          'id',
          'kind',
          'severity',
          'object',
          'state',
          'raised at',
          'last seen',
          'occurrences',
          'acknowledged by',
          'comment',
          'cleared at',
        ]
      : [
          '编号',
          '类型',
          '级别',
          '对象',
          '状态',
          '发生时间',
          '最近一次',
          '次数',
          '确认人',
          '确认意见',
          '解除时间',
        ];
  const time = (ms: number | null) => siteTime(ms, timeZone);
  return [
    header.map((name, i) => (i === 5 ? `${name} (${timeZone})` : name)),
    ...alarms.map((a) => [
      String(a.id),
      inWords(alarmKindText(a.kind), a.kind, locale),
      inWords(severityWords[a.severity], a.severity, locale),
      objectText(a, locale),
      inWords(stateWords[a.state], a.state, locale),
      time(a.raisedAt),
      time(a.lastSeenAt),
      String(a.occurrences),
      a.acknowledgedByName ?? '',
      a.ackComment ?? '',
      time(a.clearedAt),
    ]),
  ];
}

/** The object of an alarm in the export, as people know it; the store's id only for one gone from the archive. */
function objectText(alarm: AlarmView, locale: 'zh-CN' | 'en'): string {
  const { subject } = alarm;
  const zh = locale === 'zh-CN';
  if (subject.meter !== null) {
    const holder = [
      subject.customer === null || subject.customer.unit === '' ? null : subject.customer.unit,
      subject.accountNo === null ? null : zh ? `户号 ${subject.accountNo}` : `account ${subject.accountNo}`,
    ].filter((part) => part !== null);
    const meter = zh ? `电表 ${subject.meter.factoryNo}` : `meter ${subject.meter.factoryNo}`;
    return holder.length === 0
      ? meter
      : zh
        ? `${meter}（${holder.join('，')}）`
        : `${meter} (${holder.join(', ')})`;
  }
  if (subject.terminal !== null) {
    const name = subject.terminal.name;
    if (subject.portNo === null) return zh ? `终端 ${name}` : `terminal ${name}`;
    return zh ? `终端 ${name} 的 ${subject.portNo} 号端口` : `terminal ${name} port ${subject.portNo}`;
  }
  return `${alarm.objectType} ${alarm.objectId}`;
}

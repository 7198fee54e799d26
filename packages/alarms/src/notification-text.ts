// What notifications say, in Chinese and English: one alarm, a summary of messages held back by the rate
// limits or quiet hours, and a staff member's daily digest.
import { type AlarmKind, alarmRules, localParts } from '@openami/domain';
import type { AlarmRow } from '@openami/storage';
import type { AlarmSubject } from './alarm-subject.ts';
import type { OutgoingMessage } from './channel.ts';

/** A queued message's body: everything but its id and recipient. Summaries keep what they fold. */
export type MessageBody = Omit<OutgoingMessage, 'id' | 'recipient'> & {
  readonly items?: readonly FoldedItem[];
};
export interface FoldedItem {
  readonly id: number;
  readonly kind: string | undefined;
  readonly text: { readonly 'zh-CN': string; readonly en: string };
}

const KIND_TEXT: Readonly<Record<AlarmKind, { zh: string; en: string }>> = {
  'low-balance': { zh: '余额不足，请及时充值', en: 'balance low: please top up' },
  // "Power is off" only once the meter's relay is known open (below); until then, a warning.
  'balance-exhausted': {
    zh: '余额已用尽，请尽快充值，以免断电',
    en: 'balance used up: top up soon, or the power will be cut',
  },
  'meter-unreachable': { zh: '电表通信中断', en: 'meter not answering' },
  'terminal-offline': { zh: '采集终端离线', en: 'collection terminal offline' },
  'link-flapping': { zh: '采集终端链路频繁断线重连', en: "collection terminal's link keeps dropping" },
  'port-success-low': { zh: '端口抄读成功率低', en: 'low read success on a port' },
  'clock-deviation': { zh: '电表时钟偏差超限', en: 'meter clock off' },
  'clock-invalid': {
    zh: '电表时钟读数不合法（时钟故障）',
    en: 'meter clock reads an impossible date or time',
  },
  'power-down': { zh: '电表掉电', en: 'meter lost power' },
  'cover-open': { zh: '电表开盖', en: 'meter cover opened' },
  'terminal-cover-open': { zh: '端钮盒开盖', en: 'terminal cover opened' },
  'relay-tripped': { zh: '电表跳闸', en: 'meter relay tripped' },
  'register-backwards': { zh: '电能示值倒走', en: 'energy register went backwards' },
  'energy-implausible': { zh: '电量超出电表能力', en: 'energy beyond what the meter can pass' },
  'no-consumption': { zh: '电表连续多日零电量', en: 'no consumption for days' },
  'consumption-spike': { zh: '日用电量异常偏高', en: 'daily use far above normal' },
  'overload-trip': { zh: '电表过载跳闸', en: 'meter tripped on overload' },
  'ledger-drift': { zh: '账户余额与售电流水不符', en: "account's kept balance differs from its ledger" },
  'audit-broken': {
    zh: '审计日志校验失败或售电流水与审计记录不符',
    en: 'the audit log does not verify, or the ledger differs from it',
  },
  'readings-lost': {
    zh: '采集前置机在数据库中断期间丢失了部分抄读数据',
    en: 'the collector lost readings while the database was down',
  },
};

/** An exhausted balance whose meter's relay was seen open (status word 3): the power is off. */
const POWER_OFF = {
  zh: '余额已用尽，已断电，充值后恢复供电',
  en: 'balance used up: power is off until you top up',
};

/** An alarm kind in words (a kind the table does not know is shown as its code). */
export function kindText(kind: string): { zh: string; en: string } {
  return KIND_TEXT[kind as AlarmKind] ?? { zh: kind, en: kind };
}

/** What the alarm says happened: an exhausted balance says the power is off only when the trip was seen. */
function whatText(alarm: Pick<AlarmRow, 'kind' | 'evidence'>): { zh: string; en: string } {
  if (alarm.kind === 'balance-exhausted' && relaySeenOpen(alarm.evidence)) return POWER_OFF;
  return kindText(alarm.kind);
}

function relaySeenOpen(evidence: string): boolean {
  try {
    const parsed = JSON.parse(evidence) as { relayOpen?: unknown } | null;
    return parsed?.relayOpen === true;
  } catch {
    return false;
  }
}

/**
 * Where, as people know it: the meter's number with the room and account of whoever holds it, the
 * terminal's name (and the port's number). The store's id only when the object is gone from the archive.
 */
function whereText(
  alarm: Pick<AlarmRow, 'objectType' | 'objectId'>,
  subject: AlarmSubject | undefined,
): { zh: string; en: string } {
  if (subject?.meter != null) {
    const { unit } = subject.customer ?? { unit: '' };
    const account = subject.accountNo;
    const zhHolder = [unit === '' ? '' : unit, account === null ? '' : `户号 ${account}`].filter(
      (p) => p !== '',
    );
    const enHolder = [unit === '' ? '' : `room ${unit}`, account === null ? '' : `account ${account}`].filter(
      (p) => p !== '',
    );
    return {
      zh: `电表 ${subject.meter.factoryNo}${zhHolder.length === 0 ? '' : `（${zhHolder.join('，')}）`}`,
      en: `meter ${subject.meter.factoryNo}${enHolder.length === 0 ? '' : ` (${enHolder.join(', ')})`}`,
    };
  }
  if (subject?.terminal != null) {
    const name = subject.terminal.name;
    return subject.portNo === null
      ? { zh: `采集终端 ${name}`, en: `terminal ${name}` }
      : { zh: `采集终端 ${name} 的 ${subject.portNo} 号端口`, en: `terminal ${name} port ${subject.portNo}` };
  }
  if (alarm.objectType === 'site') {
    return alarm.objectId === 'readings'
      ? { zh: '本站抄读数据', en: "the site's readings" }
      : { zh: '本站审计日志', en: "the site's audit log" };
  }
  const [zh, en] =
    alarm.objectType === 'meter'
      ? ['电表', 'meter']
      : alarm.objectType === 'terminal'
        ? ['终端', 'terminal']
        : ['端口', 'port'];
  return { zh: `${zh} ${alarm.objectId}`, en: `${en} ${alarm.objectId}` };
}

/** The topic of an alarm's messages: the per-alarm rate limit counts messages with the same topic. */
export function alarmTopic(alarm: Pick<AlarmRow, 'kind' | 'objectType' | 'objectId'>): string {
  return `alarm:${alarm.kind}:${alarm.objectType}:${alarm.objectId}`;
}

/** The alarm kind a topic is about, if it is about one. */
export function kindOfTopic(topic: string | null): string | undefined {
  return topic?.startsWith('alarm:') === true ? topic.split(':')[1] : undefined;
}

export function alarmMessage(alarm: AlarmRow, subject?: AlarmSubject): MessageBody {
  const text = whatText(alarm);
  const where = whereText(alarm, subject);
  const severity = alarmRules[alarm.kind as AlarmKind]?.severity ?? alarm.severity;
  return {
    text: { 'zh-CN': `【OpenAMI】${where.zh}：${text.zh}`, en: `[OpenAMI] ${where.en}: ${text.en}` },
    alarm: {
      id: alarm.id,
      kind: alarm.kind,
      severity,
      objectType: alarm.objectType,
      objectId: alarm.objectId,
    },
  };
}

/** The topic of a resident's sign-in code: it bypasses the alarm gate (the sign-in service limits it). */
export const RESIDENT_CODE_TOPIC = 'resident-code';

/**
 * What the outbox keeps of a resident's sign-in code once it has gone (or been given up): the code's digits
 * are not kept past delivery, so nobody who reads the notifications table later can sign in with them.
 */
export function residentCodeSentPlaceholder(): MessageBody {
  return {
    text: {
      'zh-CN': '【OpenAMI】验证码 ******（已发送，内容已清除）',
      en: '[OpenAMI] Sign-in code ****** (sent; the code was removed)',
    },
  };
}

/** A resident's one-time sign-in code, valid `validMinutes`. */
export function residentCodeMessage(code: string, validMinutes: number): MessageBody {
  return {
    text: {
      'zh-CN': `【OpenAMI】您的住户登录验证码为 ${code}，${validMinutes} 分钟内有效。请勿告诉他人。`,
      en: `[OpenAMI] Your resident sign-in code is ${code}, valid for ${validMinutes} minutes. Share it with nobody.`,
    },
  };
}

/** One message in place of several held back; a summary folded again lists what it held, not itself. */
export function summaryMessage(items: readonly FoldedItem[]): MessageBody {
  const lines = (language: 'zh-CN' | 'en') =>
    items.map((item, i) => `${i + 1}. ${item.text[language].split('\n', 1)[0] ?? ''}`).join('\n');
  return {
    subject: {
      'zh-CN': `【OpenAMI】${items.length} 条通知汇总`,
      en: `[OpenAMI] ${items.length} notifications`,
    },
    text: {
      'zh-CN': `【OpenAMI】因发送频率限制或免打扰时段暂缓的 ${items.length} 条通知：\n${lines('zh-CN')}`,
      en: `[OpenAMI] ${items.length} notifications held back by the rate limit or quiet hours:\n${lines('en')}`,
    },
    items,
  };
}

/** What a digest reports: the alarms raised in the period, and those still open, in the recipient's areas. */
export interface DigestContent {
  readonly day: string;
  readonly raised: readonly AlarmRow[];
  /** True when there were more raised than are counted. */
  readonly raisedTruncated: boolean;
  readonly open: readonly AlarmRow[];
  /** What each open alarm is about, as people know it (`alarmSubjects`), in the order of `open`. */
  readonly openSubjects?: readonly AlarmSubject[];
  readonly openTotal: number;
  readonly timeZone: string;
}

export function digestMessage(digest: DigestContent): MessageBody {
  const counts = new Map<string, number>();
  for (const alarm of digest.raised) counts.set(alarm.kind, (counts.get(alarm.kind) ?? 0) + 1);
  const byKind = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const more = digest.raisedTruncated ? '+' : '';
  const at = (ms: number) => {
    const p = localParts(ms, digest.timeZone);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
  };
  const openLines = (language: 'zh' | 'en') =>
    digest.open.map((alarm, i) => {
      const where = whereText(alarm, digest.openSubjects?.[i])[language];
      const what = whatText(alarm)[language];
      return language === 'zh'
        ? `  ${where}：${what}（${at(alarm.raisedAt)} 起）`
        : `  ${where}: ${what} (since ${at(alarm.raisedAt)})`;
    });
  const zh = [
    `【OpenAMI】告警日报 ${digest.day}（您负责的区域）`,
    `过去 24 小时新告警 ${digest.raised.length}${more} 条${byKind.length > 0 ? '：' : '。'}`,
    ...byKind.map(([kind, n]) => `  ${kindText(kind).zh}：${n}`),
    `未处理告警 ${digest.openTotal} 条${digest.open.length > 0 ? '：' : '。'}`,
    ...openLines('zh'),
    ...(digest.openTotal > digest.open.length
      ? [`  ……另有 ${digest.openTotal - digest.open.length} 条`]
      : []),
  ];
  const en = [
    `[OpenAMI] Alarm digest ${digest.day} (your areas)`,
    `New alarms in the last 24 hours: ${digest.raised.length}${more}${byKind.length > 0 ? '' : '.'}`,
    ...byKind.map(([kind, n]) => `  ${kindText(kind).en}: ${n}`),
    `Open alarms: ${digest.openTotal}${digest.open.length > 0 ? '' : '.'}`,
    ...openLines('en'),
    ...(digest.openTotal > digest.open.length
      ? [`  … and ${digest.openTotal - digest.open.length} more`]
      : []),
  ];
  return {
    subject: { 'zh-CN': `【OpenAMI】告警日报 ${digest.day}`, en: `[OpenAMI] Alarm digest ${digest.day}` },
    text: { 'zh-CN': zh.join('\n'), en: en.join('\n') },
  };
}

// The plans a new site starts with (issue "head-end"): energy and instantaneous values hourly, the daily
// frozen values after midnight, events and status words every 15 minutes, a daily clock check, and a
// broadcast time synchronisation once a day. Sites change them; these are what works out of the box.
import { ITEM_GROUPS } from './item-groups.ts';
import type { Schedule } from './schedule.ts';

export type PlanKind = 'read' | 'daily-frozen' | 'clock-check' | 'time-sync';

export interface PlanTargets {
  /** Area ids: every meter in them and beneath them. Empty = every meter. */
  readonly areas?: readonly string[];
  readonly meterTypes?: readonly string[];
  readonly meters?: readonly string[];
}

export interface ReadingPlan {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: PlanKind;
  /** DL/T 645-2007 identifiers to read (kind `read`); the other kinds know their items. */
  readonly items: readonly number[];
  readonly targets: PlanTargets;
  readonly schedule: Schedule;
}

const {
  energy: ENERGY,
  instantaneous: INSTANTANEOUS,
  prepaid: PREPAID,
  status: STATUS_AND_EVENTS,
} = ITEM_GROUPS;

export const DEFAULT_PLANS: readonly ReadingPlan[] = [
  {
    id: 'hourly-energy',
    name: { zh: '整点电能与实时量', en: 'Hourly energy and instantaneous values' },
    kind: 'read',
    items: [...ENERGY, ...INSTANTANEOUS, ...PREPAID],
    targets: {},
    schedule: { kind: 'interval', everyMinutes: 60, offsetMinutes: 2 },
  },
  {
    id: 'daily-frozen',
    name: { zh: '日冻结数据', en: 'Daily frozen values' },
    kind: 'daily-frozen',
    items: ITEM_GROUPS.dailyFrozen,
    targets: {},
    schedule: { kind: 'daily', at: '00:15' },
  },
  {
    id: 'events-and-status',
    name: { zh: '事件与状态字', en: 'Events and status words' },
    kind: 'read',
    items: STATUS_AND_EVENTS,
    targets: {},
    schedule: { kind: 'interval', everyMinutes: 15, offsetMinutes: 7 },
  },
  {
    id: 'clock-check',
    name: { zh: '时钟核对', en: 'Clock check' },
    kind: 'clock-check',
    items: ITEM_GROUPS.clock,
    targets: {},
    schedule: { kind: 'daily', at: '03:30' },
  },
  {
    id: 'time-sync',
    name: { zh: '广播校时', en: 'Broadcast time synchronisation' },
    kind: 'time-sync',
    items: [],
    targets: {},
    schedule: { kind: 'daily', at: '03:00' },
  },
];

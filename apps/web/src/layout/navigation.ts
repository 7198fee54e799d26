import type { Permission } from '@openami/contract';

/** One page in the menu: where it lives, its label's key in the locale files, and who may open it. */
export interface NavEntry {
  readonly path: string;
  readonly labelKey: string;
  /** Undefined: every signed-in user. */
  readonly permission: Permission | undefined;
}

export interface NavGroup {
  readonly key: string;
  readonly labelKey: string;
  readonly entries: readonly NavEntry[];
}

/** The staff application's pages, grouped as the menu shows them. */
export const navigation: readonly NavGroup[] = [
  {
    key: 'home',
    labelKey: 'nav.home',
    entries: [{ path: '/', labelKey: 'nav.dashboard', permission: undefined }],
  },
  {
    key: 'archives',
    labelKey: 'nav.archives',
    entries: [
      { path: '/archives/areas', labelKey: 'nav.areas', permission: 'area.read' },
      { path: '/archives/terminals', labelKey: 'nav.terminals', permission: 'terminal.read' },
      { path: '/archives/meter-types', labelKey: 'nav.meterTypes', permission: 'meterType.read' },
      { path: '/archives/price-types', labelKey: 'nav.priceTypes', permission: 'priceType.read' },
      { path: '/archives/meters', labelKey: 'nav.meters', permission: 'meter.read' },
      { path: '/archives/customers', labelKey: 'nav.customers', permission: 'customer.read' },
    ],
  },
  {
    key: 'collection',
    labelKey: 'nav.collectionGroup',
    entries: [{ path: '/collection', labelKey: 'nav.collection', permission: 'collection.read' }],
  },
  {
    key: 'monitoring',
    labelKey: 'monitor.navGroup',
    entries: [
      { path: '/monitor', labelKey: 'monitor.title', permission: 'alarm.read' },
      { path: '/alarms', labelKey: 'alarms.title', permission: 'alarm.read' },
    ],
  },
  {
    key: 'vending',
    labelKey: 'counter.menuGroup',
    entries: [
      { path: '/vending/counter', labelKey: 'counter.menu', permission: 'vending.read' },
      { path: '/vending/approvals', labelKey: 'approvals.menu', permission: 'vending.approve' },
    ],
  },
  {
    key: 'reports',
    labelKey: 'reports.menuGroup',
    entries: [{ path: '/reports', labelKey: 'reports.menu', permission: 'meter.read' }],
  },
  {
    key: 'admin',
    labelKey: 'nav.admin',
    entries: [
      { path: '/admin/users', labelKey: 'nav.users', permission: 'user.read' },
      { path: '/admin/audit', labelKey: 'nav.audit', permission: 'audit.read' },
    ],
  },
];

/** The menu a user sees: only the pages their role may open, and no empty groups. */
export function navigationFor(can: (permission: Permission) => boolean): readonly NavGroup[] {
  return navigation
    .map((group) => ({
      ...group,
      entries: group.entries.filter((e) => e.permission === undefined || can(e.permission)),
    }))
    .filter((group) => group.entries.length > 0);
}

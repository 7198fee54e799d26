/**
 * Staff roles as the sources name them (DOMAIN.md §1, §7) and what each may do. Permissions are per
 * action; the area a user may act on is checked separately (see `area-scope.ts`).
 */
export const roles = ['administrator', 'cashier', 'finance', 'maintenance', 'installer', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'area.read',
  'area.write',
  'terminal.read',
  'terminal.write',
  'meterType.read',
  'meterType.write',
  'priceType.read',
  'priceType.write',
  'meter.read',
  'meter.write',
  'meter.stockIn',
  /** Read a meter or an area now, ahead of scheduled collection (puts traffic on the buses). */
  'meter.readNow',
  /** Relay trip and close, parameter writes: changes a meter. */
  'meter.command',
  'collection.read',
  /** Edit reading plans and run them now. */
  'collection.write',
  'alarm.read',
  /** Acknowledge an alarm with a comment (event alarms clear with it). */
  'alarm.acknowledge',
  /** Set alarm rules (enabled, severity, thresholds) for the areas one may act on. */
  'alarm.configure',
  'customer.read',
  'customer.write',
  /** Read customers' personal data in full (national ID numbers); others see them masked. */
  'customer.personal',
  'account.read',
  'account.write',
  'user.read',
  'user.write',
  'audit.read',
  'archive.export',
  // Prepaid vending (001 §3.3, issue 6): quotes, statements and receipts; sales, cancels, reprints and
  // adjustment energy; refunds.
  'vending.read',
  'vending.sell',
  'vending.adjust',
  'vending.refund',
  /**
   * Check the kept balances against the vending ledger and rebuild them from it (issue 22): the
   * administrator's alone, since a rebuild rewrites what every balance check reads.
   */
  'vending.ledger',
  /**
   * Approve or refuse another user's refund, cancel, adjustment or preset card above the site's amount
   * (OPENAMI_APPROVAL_ABOVE_FEN, OPENAMI_APPROVAL_ABOVE_WH): finance's, besides the administrator's.
   */
  'vending.approve',
] as const;
export type Permission = (typeof permissions)[number];

/** Reads every role may have; users and the vending ledger are for those whose work needs them. */
const readAll: readonly Permission[] = permissions.filter(
  (p) => p.endsWith('.read') && !p.startsWith('user.') && p !== 'vending.read',
);

const grants: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: permissions,
  // 充值管理员: opens accounts and sells; needs the customer and account records, not the plant.
  cashier: [
    ...readAll.filter((p) => p !== 'audit.read'),
    // To check a remote-prepaid meter's balance and relay while the customer waits.
    'meter.readNow',
    'customer.write',
    // Checks the customer's identity card when opening an account.
    'customer.personal',
    'account.write',
    'archive.export',
    'vending.read',
    'vending.sell',
    'vending.adjust',
  ],
  // 财务: reports and reconciliation, and refunds (money paid back is finance's decision).
  finance: [
    ...readAll.filter((p) => p !== 'audit.read'),
    'archive.export',
    'vending.read',
    'vending.refund',
    'vending.approve',
  ],
  // 维保员: faults and meter replacement.
  maintenance: [
    ...readAll.filter((p) => p !== 'audit.read'),
    'meter.write',
    'meter.readNow',
    'meter.command',
    'collection.write',
    'alarm.acknowledge',
    'alarm.configure',
    'terminal.write',
    'archive.export',
  ],
  // Installation workflow (000): stock-in, terminals and meter placement.
  installer: [
    ...readAll.filter((p) => p !== 'audit.read'),
    'meter.write',
    'meter.stockIn',
    // Commissioning: read a freshly wired meter to prove the wiring and address.
    'meter.readNow',
    'terminal.write',
    'archive.export',
  ],
  viewer: readAll.filter((p) => p !== 'audit.read'),
};

const grantSets: ReadonlyMap<Role, ReadonlySet<Permission>> = new Map(
  roles.map((role) => [role, new Set(grants[role])]),
);

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return grantSets.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return grants[role];
}

import type { Permission } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation.ts';

const paths = (granted: readonly Permission[]) =>
  navigationFor((p) => granted.includes(p)).flatMap((g) => g.entries.map((e) => e.path));

describe('navigation by role', () => {
  it('shows every signed-in user the dashboard, and nothing else without permissions', () => {
    expect(paths([])).toEqual(['/']);
  });

  it('shows the archives a user may read, and no administration without user.read or audit.read', () => {
    const shown = paths(['meter.read', 'customer.read']);
    expect(shown).toEqual(['/', '/archives/meters', '/archives/customers', '/reports']);
  });

  it('shows administration to whoever may read users or the audit log', () => {
    expect(paths(['audit.read'])).toEqual(['/', '/admin/audit']);
  });

  it('shows collection to whoever may read it', () => {
    expect(paths(['collection.read'])).toEqual(['/', '/collection']);
  });

  it("shows the vending counter to whoever may read the vending ledger (the cashier's 售电收费)", () => {
    expect(paths(['vending.read'])).toEqual(['/', '/vending/counter']);
  });
});

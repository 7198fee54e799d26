import { describe, expect, it } from 'vitest';
import { everyArea, normaliseScope, scopeIncludes } from './area-scope.ts';
import { canMoveMeter } from './meter-state.ts';
import { permissions, roleAllows, roles } from './roles.ts';

describe('roles', () => {
  it('give the administrator every permission and the viewer no write', () => {
    for (const permission of permissions) expect(roleAllows('administrator', permission)).toBe(true);
    expect(permissions.filter((p) => roleAllows('viewer', p)).every((p) => p.endsWith('.read'))).toBe(true);
  });

  it('let the cashier open accounts but not touch users or the plant', () => {
    expect(roles.filter((r) => roleAllows(r, 'account.write'))).toEqual(['administrator', 'cashier']);
    expect(roleAllows('cashier', 'user.write')).toBe(false);
    expect(roleAllows('cashier', 'meter.stockIn')).toBe(false);
  });

  it('let only administrators and maintenance change a meter by command, and keep viewers off the buses', () => {
    expect(roles.filter((r) => roleAllows(r, 'meter.command'))).toEqual(['administrator', 'maintenance']);
    expect(roles.filter((r) => roleAllows(r, 'collection.write'))).toEqual(['administrator', 'maintenance']);
    expect(roles.filter((r) => roleAllows(r, 'alarm.acknowledge'))).toEqual(['administrator', 'maintenance']);
    expect(roles.filter((r) => roleAllows(r, 'alarm.configure'))).toEqual(['administrator', 'maintenance']);
    expect(roleAllows('viewer', 'meter.readNow')).toBe(false);
    expect(roles.filter((r) => roleAllows(r, 'collection.read'))).toEqual([...roles]);
  });

  it('let cashiers sell and finance refund, and keep the vending ledger from everyone else', () => {
    expect(roles.filter((r) => roleAllows(r, 'vending.sell'))).toEqual(['administrator', 'cashier']);
    expect(roles.filter((r) => roleAllows(r, 'vending.refund'))).toEqual(['administrator', 'finance']);
    expect(roles.filter((r) => roleAllows(r, 'vending.read'))).toEqual([
      'administrator',
      'cashier',
      'finance',
    ]);
  });
});

describe('area scope', () => {
  it('covers an area and everything beneath it, nothing beside it', () => {
    const scope = normaliseScope(['/1/4/', '/1/4/9/', '/2/']);
    expect(scope).toEqual({ kind: 'paths', paths: ['/2/', '/1/4/'] });
    expect(scopeIncludes(scope, '/1/4/9/12/')).toBe(true);
    expect(scopeIncludes(scope, '/1/')).toBe(false);
    expect(scopeIncludes(scope, '/1/44/')).toBe(false);
    expect(scopeIncludes(everyArea, '/7/')).toBe(true);
  });
});

describe('meter states', () => {
  it('never bring a removed meter back', () => {
    expect(canMoveMeter('removed', 'installed')).toBe(false);
    expect(canMoveMeter('in_stock', 'installed')).toBe(true);
    expect(canMoveMeter('faulty', 'in_stock')).toBe(true);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DataFormat, listedItems } from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import * as contract from './index.ts';

const here = import.meta.dirname;
const source = (path: string) => readFileSync(join(here, path), 'utf8');

describe('the contract', () => {
  it('keeps schema code out of its root entry: lists and errors are data, types are type-only', () => {
    const data = ['index.ts', 'errors.ts', ...readdirSync(join(here, 'lists')).map((f) => `lists/${f}`)];
    for (const file of data) {
      expect(source(file), file).not.toMatch(/^import (?!type )[^;]*from '@sinclair\/typebox'/m);
      expect(source(file), file).not.toMatch(/from '\.\.?\/schemas\//);
    }
    expect(source('index.ts')).toMatch(/^export type \* from '\.\/types\.ts';$/m);
    expect(source('types.ts')).not.toMatch(/^import (?!type )/m);
  });

  it('names each error once, in capitals, with a status and both languages', () => {
    expect(new Set(contract.errorCodes).size).toBe(contract.errorCodes.length);
    for (const code of contract.errorCodes) {
      const error = contract.errorTable[code];
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(error.status, code).toBeGreaterThanOrEqual(400);
      expect(error.zh, code).not.toBe('');
      expect(error.en, code).not.toBe('');
    }
  });

  it('lists each value of a closed list once', () => {
    const lists = Object.entries(contract as Record<string, unknown>).flatMap(([name, value]) =>
      Array.isArray(value) ? [[name, value as readonly unknown[]] as const] : [],
    );
    expect(lists.length).toBeGreaterThan(30);
    for (const [name, values] of lists) expect(new Set(values).size, name).toBe(values.length);
  });

  it('names the item groups’ identifiers as eight hex digits', () => {
    for (const group of contract.itemGroups) {
      for (const di of contract.itemGroupIdentifiers[group]) expect(di).toMatch(/^[0-9A-F]{8}$/);
    }
  });

  it('names every flag and field of the protocol’s status words, so that pages can word them', () => {
    const flags = new Set<string>();
    const fields = new Map<string, number>();
    const walk = (format: DataFormat): void => {
      if (format.type === 'bits') {
        for (const field of format.fields) {
          if ((field.width ?? 1) === 1) flags.add(field.name);
          else fields.set(field.name, field.width ?? 1);
        }
      }
      if (format.type === 'list') walk(format.item);
      if (format.type === 'record') for (const field of format.fields) walk(field.format);
    };
    for (const edition of ['2007', '1997'] as const)
      for (const item of listedItems(edition)) walk(item.format);
    expect([...flags].sort()).toEqual([...contract.statusFlags].sort());
    expect([...fields.keys()].sort()).toEqual(Object.keys(contract.statusFieldValues).sort());
  });
});

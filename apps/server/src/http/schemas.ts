import { maxPageSize } from '@openami/storage';
import { type TSchema, Type } from '@sinclair/typebox';

/** Query fields every list accepts; `sort` is a whitelist per entity, so no column name reaches SQL unchecked. */
export function pageQuery<
  const Sort extends readonly [string, ...string[]],
  Filters extends Record<string, TSchema>,
>(sorts: Sort, filters: Filters) {
  return Type.Object({
    offset: Type.Integer({ minimum: 0, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: maxPageSize, default: 50 }),
    sort: literalUnion(sorts, { default: sorts[0] }),
    direction: literalUnion(['asc', 'desc'] as const, { default: 'asc' }),
    ...filters,
  });
}

export const idParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** A string enum that keeps its literal type on the TypeScript side. */
export function literalUnion<const T extends readonly string[]>(
  values: T,
  options: { default?: T[number]; description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const code = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' });
export const text = (maxLength = 200) => Type.String({ maxLength });
export const requiredText = (maxLength = 200) => Type.String({ minLength: 1, maxLength });

// The contract's schemas as Fastify types: requests typed exactly as validated; what a handler may answer
// typed by its response schema with its closed lists widened to their base types, because rows carry a
// meter's state or a command's kind as the string the store holds. The fields, their nesting and their
// nullability are still checked; the values of the lists are the serializer's to keep (it writes strings).
import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyTypeProvider } from 'fastify';

export type Widened<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends Uint8Array
        ? T
        : T extends readonly (infer Item)[]
          ? readonly Widened<Item>[]
          : T extends object
            ? { [K in keyof T]: Widened<T[K]> | OptionalUndefined<T, K> }
            : T;

/** An optional field may be left undefined (JSON leaves it out), even with exact optional property types. */
type OptionalUndefined<T, K extends keyof T> = object extends Pick<T, K> ? undefined : never;

export interface ContractTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Widened<Static<this['schema']>> : unknown;
}

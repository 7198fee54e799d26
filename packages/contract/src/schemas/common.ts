// Building blocks of the route schemas: paging, ids, enums that keep their literal types, texts, and the
// responses every route shares (errors, no content, files, event streams).
import { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';
import { errorCodes } from '../errors.ts';
import { maxPageSize } from '../lists/access.ts';

/** A string enum that keeps its literal type on the TypeScript side. */
export function literalUnion<const T extends readonly string[]>(
  values: T,
  options: { default?: T[number]; description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** An integer enum that keeps its literal type on the TypeScript side. */
export function integerUnion<const T extends readonly number[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'integer', enum: [...values], ...options });
}

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

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

/**
 * A PATCH body: every field of `body` optional, and none with a `default`. The validator fills a default in
 * for a field left out, so a default on a PATCH field would overwrite the stored value with it (an account's
 * phones erased by a change of price type); a field left out of a PATCH stays as it is. Defaults inside a
 * field's value (a port's parity in a replaced port list) are kept: there they complete what was sent.
 */
export function patchBody<T extends TObject>(body: T) {
  const partial = Type.Partial(body);
  for (const key of Object.keys(partial.properties)) {
    const { default: _left, ...field } = partial.properties[key] as TSchema;
    (partial.properties as Record<string, TSchema>)[key] = field as TSchema;
  }
  return partial;
}

/** One page of a list: the items, how many there are in all, and where the page starts. */
export const page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    offset: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 0 }),
  });

export const idParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const code = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' });
export const text = (maxLength = 200) => Type.String({ maxLength });
export const requiredText = (maxLength = 200) => Type.String({ minLength: 1, maxLength });

/** Epoch milliseconds. */
export const epochMs = (description?: string) =>
  Type.Integer(description === undefined ? {} : { description });
// Answers describe, requests validate: the answers' numbers carry no bounds, because the serializer checks a
// union's branches (a nullable field is one) against them and would fail an answer on a bound.
export const id = Type.Integer({ description: 'a record id' });
export const count = Type.Integer({ description: 'how many' });
/** Integer quantities in their unit (Wh, fen, kWh, basis points), which may be negative. */
export const whole = Type.Integer();
/** A site-local day, YYYY-MM-DD. */
export const day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Anything JSON: kept as the server holds it (evidence, parameters, values read). */
export const json = (description?: string) => Type.Unknown(description === undefined ? {} : { description });
/** Named parameters of a code, e.g. a reason's. */
export const params = Type.Record(Type.String(), Type.Unknown());

/** How long a stream of server-sent events may stay open. */
export const streamQuery = Type.Object({
  maxSeconds: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 86_400,
      description: 'close the stream after this long; clients reconnect',
    }),
  ),
});

/** Every error: a stable code, a message in the requester's language, and the code's details. */
export const errorBody = Type.Object(
  {
    code: literalUnion(errorCodes),
    message: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'ErrorBody', description: 'An error: compare `code`, never `message` (docs/errors.md)' },
);

/**
 * The schemas routes name by reference (`$ref`) rather than repeat: the server registers them once
 * (`addSchema`), and the OpenAPI document lists them under `components.schemas`.
 */
export const sharedSchemas = [errorBody];

const errorReference = Type.Unsafe<Static<typeof errorBody>>({ $ref: 'ErrorBody' });
const errors = { '4xx': errorReference, '5xx': errorReference };

/** Success responses of one's own, beside the shared errors. */
export const withErrors = <const R extends Record<string, unknown>>(responses: R) => ({
  ...errors,
  ...responses,
});

/** 200 with a body. */
export const ok = <T extends TSchema>(schema: T) => ({ 200: schema, ...errors });
/** 201: created. */
export const created = <T extends TSchema>(schema: T) => ({ 201: schema, ...errors });
/** 202: taken, to go on after the answer. */
export const accepted = <T extends TSchema>(schema: T) => ({ 202: schema, ...errors });
/** 200 for a request repeated with the same request id (the first answer again), 201 the first time. */
export const createdOnce = <T extends TSchema>(schema: T) => ({ 200: schema, 201: schema, ...errors });
/** 204: done, nothing to say. */
export const noContent = {
  204: Type.Unsafe<void>({ type: 'null', description: 'Done; no body' }),
  ...errors,
};

/** A file's bytes. */
export const binary = (description: string) =>
  Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description });

/** A body in one of several media types, each with its schema (a report as JSON, or as a sheet). */
export function oneOfMedia<const M extends Record<string, TSchema>>(description: string, media: M) {
  return {
    description,
    content: Object.fromEntries(Object.entries(media).map(([type, schema]) => [type, { schema }])) as {
      [K in keyof M]: { schema: M[K] };
    },
  };
}

export const mediaTypes = {
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
  eventStream: 'text/event-stream',
} as const;

/** A spreadsheet download (.xlsx or .csv, by the `format` asked for). */
export const sheetFile = (description: string) => ({
  200: oneOfMedia(description, {
    [mediaTypes.xlsx]: binary('The .xlsx workbook'),
    [mediaTypes.csv]: binary('The .csv file, UTF-8'),
  }),
  ...errors,
});

/** A stream of server-sent events; `events` names each event and what its `data` holds. */
export const eventStream = (events: string) => ({
  200: oneOfMedia(`Server-sent events: ${events}`, {
    [mediaTypes.eventStream]: Type.String({ description: events }),
  }),
  ...errors,
});

/** 200 in one of several media types. */
export const okMedia = <const M extends Record<string, TSchema>>(description: string, media: M) => ({
  200: oneOfMedia(description, media),
  ...errors,
});

// What was read from a meter: energy registers with their validation flags, instantaneous values, daily and
// monthly energy, daily freezes; and reading a meter now.
import { Type } from '@sinclair/typebox';
import { meterOutcomes, statusFieldValues, statusFlags } from '../lists/collection.ts';
import { count, day, epochMs, id, json, literalUnion, nullable, params, whole } from './common.ts';

const nullableWh = nullable(whole);
const measured = nullable(Type.Number());

export const energyReading = Type.Object({
  meterId: id,
  readAt: epochMs(),
  receivedAt: epochMs(),
  activeImportWh: whole,
  activeExportWh: nullableWh,
  tariff1Wh: nullableWh,
  tariff2Wh: nullableWh,
  tariff3Wh: nullableWh,
  tariff4Wh: nullableWh,
  reactiveImportVarh: nullableWh,
  reactiveExportVarh: nullableWh,
  remainingEnergyWh: nullableWh,
  remainingMoneyFen: nullableWh,
  statusWord: nullable(Type.Integer()),
  flags: nullable(
    Type.String({
      description: 'validation flags, comma-separated (register-backwards, …); null when right',
    }),
  ),
  source: nullable(Type.String({ description: 'where it came from when not read over the wire (a card)' })),
});

export const instantReading = Type.Object({
  meterId: id,
  readAt: epochMs(),
  receivedAt: epochMs(),
  voltageL1V: measured,
  voltageL2V: measured,
  voltageL3V: measured,
  currentL1A: measured,
  currentL2A: measured,
  currentL3A: measured,
  activePowerW: measured,
  reactivePowerVar: measured,
  powerFactor: measured,
  frequencyHz: measured,
});

export const readings = Type.Object({
  energy: Type.Array(energyReading),
  instant: Type.Array(instantReading),
});

export const dailyEnergy = Type.Object({
  meterId: id,
  day,
  energyWh: whole,
  firstReadingWh: whole,
  lastReadingWh: whole,
  samples: count,
  firstReadAt: nullable(epochMs()),
  lastReadAt: nullable(epochMs()),
});

export const dailyFreeze = Type.Object({
  meterId: id,
  day,
  frozenAt: epochMs(),
  receivedAt: epochMs(),
  activeImportWh: whole,
  tariff1Wh: nullableWh,
  tariff2Wh: nullableWh,
  tariff3Wh: nullableWh,
  tariff4Wh: nullableWh,
});

export const monthlyEnergy = Type.Object({
  meterId: id,
  month: Type.String({ description: 'YYYY-MM' }),
  energyWh: whole,
  firstReadingWh: whole,
  lastReadingWh: whole,
  days: count,
});

export const dailyAndFrozen = Type.Object({ days: Type.Array(dailyEnergy), frozen: Type.Array(dailyFreeze) });

const statusWordForm = Type.Object({
  kind: Type.Literal('flags'),
  raw: Type.Integer({ description: 'the word as the meter sent it' }),
  set: Type.Array(literalUnion(statusFlags), { description: 'the one-bit flags that are set, by name' }),
  fields: Type.Array(
    Type.Object({
      name: literalUnion(Object.keys(statusFieldValues) as (keyof typeof statusFieldValues)[]),
      value: Type.Integer(),
    }),
    { description: 'the fields of several bits (supply, meter type) with their values' },
  ),
});

/**
 * A value read, in a form a page words without knowing the protocol: a status word as the names of its set
 * flags, the meter's clock as an instant or a date or time of day in the site's time zone. Null for
 * numbers and texts, which `value` gives as they are.
 */
export const readingForm = nullable(
  Type.Union([
    statusWordForm,
    Type.Object({
      kind: Type.Literal('words'),
      words: Type.Array(statusWordForm, { description: 'a block of status words, in order' }),
    }),
    Type.Object({
      kind: Type.Literal('dateTime'),
      epochMs: epochMs('the meter’s wall clock read in the site’s time zone'),
      local: Type.String({ description: 'YYYY-MM-DD HH:mm[:ss], as the meter shows it' }),
    }),
    Type.Object({
      kind: Type.Literal('date'),
      date: day,
      weekday: nullable(Type.Integer({ description: '0 Sunday … 6 Saturday, when the meter sent it' })),
    }),
    Type.Object({ kind: Type.Literal('timeOfDay'), time: Type.String({ description: 'HH:mm[:ss]' }) }),
  ]),
);

export const readNowResult = Type.Object({
  meterId: id,
  status: literalUnion(meterOutcomes),
  attempts: count,
  durationMs: count,
  readings: Type.Array(
    Type.Object({
      di: Type.String({ description: 'the DL/T 645-2007 identifier, eight hex digits' }),
      zh: Type.String(),
      en: Type.String(),
      unit: Type.Optional(Type.String()),
      value: json('the value read: a number, text, a date and time, a status word, or a list of them'),
      form: readingForm,
    }),
  ),
  failures: Type.Array(
    Type.Object({
      di: Type.String(),
      message: Type.String({ description: 'English, for logs; the reason code is what a page words' }),
      reasonCode: Type.String(),
      reasonParams: params,
    }),
  ),
  notHeld: Type.Array(Type.Object({ di: Type.String(), zh: Type.String(), en: Type.String() }), {
    description:
      'items this meter said it does not hold, of those only some configurations hold (a post-paid meter has no remaining money): not failures',
  }),
});

export const itemsBody = Type.Object({
  items: Type.Optional(
    Type.Array(Type.String({ pattern: '^([0-9A-Fa-f]{8}|[a-zA-Z]+)$' }), {
      maxItems: 64,
      description:
        'item groups (energy, instantaneous, prepaid, status, clock, dailyFrozen) or DL/T 645-2007 identifiers',
    }),
  ),
});

export const dayRange = Type.Object({ from: day, to: day });
export const monthRange = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
});
export const timeRange = Type.Object({
  from: Type.Integer({ minimum: 0, description: 'epoch ms, inclusive' }),
  to: Type.Integer({ minimum: 0, description: 'epoch ms, exclusive; at most 31 days after from' }),
});

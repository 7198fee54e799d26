import { createHash } from 'node:crypto';
import {
  cardReadingKey,
  cardReadingRegisters,
  type MeterReadingOnCard,
  maxPowerW,
  readingsOnCard,
  scopeIncludes,
} from '@openami/domain';
import { type CardReadingRow, type MeterRow, type Repositories, StoreSink } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { type ErrorCode, renderMessage } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { operator } from './movement.ts';
import { refusalError, requireCard } from './refusals.ts';

/** The reading's fate: stored now, stored when the card was read back before, or refused (and why). */
export type ReadbackOutcome = 'stored' | 'already_stored' | 'refused';

interface Verdict {
  readonly reading: MeterReadingOnCard;
  readonly meter: MeterRow | undefined;
  /** Hash of `cardReadingKey`: fixed length, whatever the card id. */
  readonly key: string;
  readonly problem: { readonly code: ErrorCode; readonly meterNo: string } | undefined;
}

/** Which readings of the card may be stored: known meters, in the user's areas, each meter once. */
async function verdictsOf(
  context: ServiceContext,
  card: { readonly cardId: string },
  issueId: number | null,
  readings: readonly MeterReadingOnCard[],
): Promise<Verdict[]> {
  const meters = new Map(
    (await context.store.meters.getByFactoryNos([...new Set(readings.map((r) => r.meterNo))])).map((m) => [
      m.factoryNo,
      m,
    ]),
  );
  const areaPaths = new Map(
    (await context.store.areas.getMany([...new Set([...meters.values()].map((m) => m.areaId))])).map((a) => [
      a.id,
      a.path,
    ]),
  );
  const seen = new Set<string>();
  return readings.map((reading) => {
    const meter = meters.get(reading.meterNo);
    const key = createHash('sha256')
      .update(cardReadingKey(card, issueId, reading))
      .digest('hex');
    const problem = (code: ErrorCode) => ({
      reading,
      meter,
      key,
      problem: { code, meterNo: reading.meterNo },
    });
    if (seen.has(reading.meterNo)) return problem('CARD_READING_REPEATED');
    seen.add(reading.meterNo);
    if (meter === undefined) return problem('CARD_READING_UNKNOWN_METER');
    if (!scopeIncludes(context.principal.scope, areaPaths.get(meter.areaId) ?? '')) {
      return problem('CARD_READING_OUTSIDE_AREAS');
    }
    return { reading, meter, key, problem: undefined };
  });
}

/**
 * When a card's reading of the meter is taken to have been read: now, the card keeping no time; a moment
 * later when the meter has a reading stored at that very millisecond (a reading is keyed by meter and time).
 */
async function freeReadAt(tx: Repositories, meterId: number, now: number): Promise<number> {
  const taken = new Set((await tx.readings.energyBetween(meterId, now, now + 1000)).map((r) => r.readAt));
  let at = now;
  while (taken.has(at)) at += 1;
  return at;
}

/** Stores the readings recorded as new as energy readings, the way the head-end stores what it collects. */
async function storeReadings(
  tx: Repositories,
  context: ServiceContext,
  recorded: readonly CardReadingRow[],
  meters: ReadonlyMap<number, MeterRow>,
): Promise<Map<number, string>> {
  const capacity = new Map<number, number>();
  for (const meterId of new Set(recorded.map((r) => r.meterId))) {
    const type = await tx.meterTypes.get(meters.get(meterId)?.meterTypeId ?? 0);
    if (type !== undefined) capacity.set(meterId, maxPowerW(type.maxCurrentMa, type.phases));
  }
  const flags = new Map<number, string>();
  const sink = new StoreSink(tx.readings, {
    capacityW: (meterId) => capacity.get(meterId),
    timeZone: context.timeZone,
    now: () => context.now,
  });
  const stored = recorded.map(async (row) => {
    const flagged = await sink.energyRead({
      meterId: row.meterId,
      readAt: row.readAt,
      ...cardReadingRegisters({ meterNo: '', ...row }),
      receivedAt: context.now,
      source: 'card',
    });
    // The API shows a reading's flags as the store keeps them: joined in one text.
    if (flagged.length > 0) flags.set(row.meterId, flagged.join(','));
  });
  await Promise.all([...stored, sink.flush()]);
  return flags;
}

/**
 * A check card (查电卡) or meter-reading card (抄表卡) back from the field (001 §4.1.2): each meter's data on it
 * is stored as an energy reading of that meter, read at the moment the card is read back (the card keeps no
 * time), with `source` `card`, checked and rolled up like a collected reading. A meter unknown to the
 * archive, outside the user's areas, or on the card twice is refused, in words; the rest are stored. The
 * same card read back again stores nothing twice: each reading's key (card, issue, meter, figures) is
 * recorded once, in the same transaction as the reading.
 */
export async function readBackCard(context: ServiceContext, input: { readonly card: unknown }) {
  const card = requireCard(input.card);
  const onCard = readingsOnCard(card);
  if (!onCard.ok) throw refusalError(onCard.refusal);
  const verdicts = await verdictsOf(context, card, onCard.issueId, onCard.readings);
  const accepted = verdicts.filter((v) => v.problem === undefined && v.meter !== undefined);
  const meters = new Map(
    accepted.flatMap((v) => (v.meter === undefined ? [] : [[v.meter.id, v.meter] as const])),
  );
  const who = operator(context);

  const { recorded, earlier, flags, accounts } = await context.store.transaction(async (tx) => {
    const readAt = new Map<number, number>();
    for (const meterId of meters.keys()) readAt.set(meterId, await freeReadAt(tx, meterId, context.now));
    const recorded = await tx.specialCards.recordReadings(
      accepted.map((v) => ({
        readingKey: v.key,
        cardId: card.cardId,
        cardKind: onCard.kind,
        issueId: onCard.issueId,
        meterId: v.meter?.id ?? 0,
        readAt: readAt.get(v.meter?.id ?? 0) ?? context.now,
        remainingKwh: v.reading.remainingKwh,
        totalKwh: v.reading.totalKwh,
        purchaseCount: v.reading.purchaseCount,
        statusWord: v.reading.statusWord,
        ...who,
      })),
    );
    const fresh = new Set(recorded.map((r) => r.readingKey));
    const earlier = await tx.specialCards.readingsByKey(
      accepted.map((v) => v.key).filter((k) => !fresh.has(k)),
    );
    const flags = await storeReadings(tx, context, recorded, meters);
    const accounts = new Map<number, { accountNo: string; customerName: string }>();
    for (const meterId of meters.keys()) {
      const account = await tx.accounts.openForMeter(meterId);
      if (account === undefined) continue;
      const customer = await tx.customers.get(account.customerId);
      accounts.set(meterId, { accountNo: account.accountNo, customerName: customer?.name ?? '' });
    }
    await recordAudit(tx, context, 'vending.readBackCard', 'card', card.cardId, {
      kind: onCard.kind,
      issueId: onCard.issueId,
      stored: recorded.map((r) => r.meterId),
      alreadyStored: earlier.map((r) => r.meterId),
      refused: verdicts.flatMap((v) =>
        v.problem === undefined ? [] : [`${v.reading.meterNo}: ${v.problem.code}`],
      ),
    });
    return { recorded, earlier, flags, accounts };
  });

  const byKey = new Map<string, { row: CardReadingRow; outcome: ReadbackOutcome }>([
    ...earlier.map((row) => [row.readingKey, { row, outcome: 'already_stored' as const }] as const),
    ...recorded.map((row) => [row.readingKey, { row, outcome: 'stored' as const }] as const),
  ]);
  const readings = verdicts.map((v) => {
    const found = byKey.get(v.key);
    const meterId = v.meter?.id ?? null;
    const account = meterId === null ? undefined : accounts.get(meterId);
    const refused = v.problem !== undefined || found === undefined;
    return {
      ...v.reading,
      outcome: refused ? ('refused' as const) : found.outcome,
      meterId,
      accountNo: account?.accountNo ?? null,
      customerName: account?.customerName ?? null,
      readAt: found?.row.readAt ?? null,
      storedBy: found?.row.operatorName ?? null,
      flags: found?.outcome === 'stored' && meterId !== null ? (flags.get(meterId) ?? null) : null,
      problem:
        v.problem === undefined
          ? null
          : {
              code: v.problem.code,
              message: renderMessage(v.problem.code, context.locale, { meterNo: v.problem.meterNo }),
            },
    };
  });
  const count = (outcome: ReadbackOutcome) => readings.filter((r) => r.outcome === outcome).length;
  return {
    cardId: card.cardId,
    kind: onCard.kind,
    issueId: onCard.issueId,
    stored: count('stored'),
    alreadyStored: count('already_stored'),
    refused: count('refused'),
    readings,
  };
}

export type CardReadback = Awaited<ReturnType<typeof readBackCard>>;

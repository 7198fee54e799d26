import {
  type CardImage,
  type CardInUse,
  planSpecialCard,
  type SpecialCardKind,
  type SpecialCardOrder,
  specialCardImage,
} from '@openami/domain';
import { canonicalJson, constraintViolation, type Repositories, type SpecialCardRow } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireArea } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { operator } from './movement.ts';
import { refusalError, requireCard } from './refusals.ts';

export interface SpecialCardInput {
  /** Chosen by the client, once per card made: repeating it returns the first card. */
  readonly requestId: string;
  readonly kind: SpecialCardKind;
  /** The card the cashier's reader read, to be erased and written (docs/card-image.md). */
  readonly card: unknown;
  /** Preset card: the credit it gives a new meter, kWh. */
  readonly presetKwh?: number;
  /** Clear card: the code of the area whose meters it clears. */
  readonly areaCode?: string;
  /** Clear card: the one meter it clears (an assigned meter takes no other, 001 §4.1.1); empty for a general card. */
  readonly meterNo?: string;
  readonly reason?: string;
}

/** What the card is for, as looked up: the area and meter of a clear card, and the meter's open account. */
interface Target {
  readonly kind: SpecialCardKind;
  readonly presetKwh: number | null;
  readonly area: { readonly id: number; readonly code: string; readonly path: string } | null;
  readonly meter: { readonly id: number; readonly factoryNo: string; readonly areaPath: string } | null;
  readonly account: { readonly id: number; readonly accountNo: string } | null;
}

/** What a special card keeps beside its columns, so that a replay answers what the first answer said. */
interface SpecialCardDetails {
  readonly areaCode: string | null;
  readonly meterNo: string | null;
  /** The open account of the clear card's meter when the card was made. */
  readonly account: { readonly id: number; readonly accountNo: string } | null;
  readonly reason: string;
}

function missing(field: string, kind: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    issues: [{ field, problem: `is required for a ${kind} card` }],
  });
}

async function targetOf(context: ServiceContext, input: SpecialCardInput): Promise<Target> {
  const none = { presetKwh: null, area: null, meter: null, account: null };
  switch (input.kind) {
    case 'preset':
      if (input.presetKwh === undefined) throw missing('presetKwh', 'preset');
      return { ...none, kind: input.kind, presetKwh: input.presetKwh };
    case 'check':
    case 'meter_reading':
      return { ...none, kind: input.kind };
    case 'clear': {
      const code = input.areaCode?.trim() ?? '';
      if (code === '') throw missing('areaCode', 'clear');
      const area = await context.store.areas.getByCode(code);
      if (area === undefined) throw new AppError('NOT_FOUND', { entity: 'area', code });
      requireArea(context.principal, area.path);
      const meterNo = input.meterNo?.trim() ?? '';
      if (meterNo === '') return { ...none, kind: input.kind, area };
      const meter = await context.store.meters.getByFactoryNo(meterNo);
      if (meter === undefined) throw new AppError('NOT_FOUND', { entity: 'meter', factoryNo: meterNo });
      const meterArea = await context.store.areas.get(meter.areaId);
      const account = await context.store.accounts.openForMeter(meter.id);
      return {
        ...none,
        kind: input.kind,
        area,
        meter: { id: meter.id, factoryNo: meter.factoryNo, areaPath: meterArea?.path ?? '' },
        account: account === undefined ? null : { id: account.id, accountNo: account.accountNo },
      };
    }
  }
}

function orderOf(target: Target, issueId: number): SpecialCardOrder {
  switch (target.kind) {
    case 'preset':
      return { kind: 'preset', presetKwh: target.presetKwh ?? 0 };
    case 'clear':
      return {
        kind: 'clear',
        area: { code: target.area?.code ?? '', path: target.area?.path ?? '' },
        meter: target.meter === null ? undefined : target.meter,
      };
    case 'check':
    case 'meter_reading':
      return { kind: target.kind, issueId };
  }
}

/** The customer card an open account still counts as its own (its current serial), if the card is one. */
async function cardInUse(tx: Repositories, card: CardImage): Promise<CardInUse | undefined> {
  if (card.data.kind !== 'customer') return undefined;
  const account = await tx.accounts.getByAccountNo(card.data.accountNo);
  if (account === undefined || account.state !== 'open') return undefined;
  const cardSerial = (await tx.ledger.profile(account.id))?.cardSerial ?? 1;
  return card.data.cardSerial === cardSerial ? { accountNo: account.accountNo, cardSerial } : undefined;
}

function presentSpecialCard(row: SpecialCardRow, card: CardImage, replayed: boolean) {
  const details = JSON.parse(row.details) as SpecialCardDetails;
  return {
    id: row.id,
    replayed,
    kind: row.kind as SpecialCardKind,
    card,
    presetKwh: row.presetKwh,
    areaId: row.areaId,
    areaCode: details.areaCode,
    meterId: row.meterId,
    meterNo: details.meterNo,
    account: details.account,
    reason: details.reason,
    operatorName: row.operatorName,
    createdAt: row.createdAt,
  };
}

export type SpecialCardView = ReturnType<typeof presentSpecialCard>;

/**
 * 制作专用卡 (001 §4.1, FAQ 9–11): the card the cashier read becomes a preset, clear, check or meter-reading
 * card (`planSpecialCard` says which cards may be and what each holds). Recorded (who, which card, for which
 * area and meter) and audited in one transaction; the same request id returns the first card made.
 */
export async function issueSpecialCard(
  context: ServiceContext,
  input: SpecialCardInput,
): Promise<SpecialCardView> {
  const card = requireCard(input.card);
  const target = await targetOf(context, input);
  const fingerprint = canonicalJson({
    kind: 'special_card',
    card,
    special: target.kind,
    presetKwh: target.presetKwh,
    areaCode: target.area?.code ?? null,
    meterNo: target.meter?.factoryNo ?? null,
  });
  const operatorName = context.principal.username;
  const replay = (row: SpecialCardRow) => {
    if (row.requestFingerprint !== fingerprint) {
      throw new AppError('REQUEST_ID_REUSED', { requestId: input.requestId });
    }
    return presentSpecialCard(row, specialCardImage(card, orderOf(target, row.id)), true);
  };
  try {
    return await context.store.transaction(async (tx) => {
      const earlier = await tx.specialCards.byRequest(operatorName, input.requestId);
      if (earlier !== undefined) return replay(earlier);
      // A card voided by a locked-card transfer stays void, whatever its image says now.
      if ((await tx.cardTransfers.voiding(card.cardId)) !== undefined) {
        throw refusalError({ code: 'card_void', details: { cardId: card.cardId } });
      }
      const inUse = await cardInUse(tx, card);
      const details: SpecialCardDetails = {
        areaCode: target.area?.code ?? null,
        meterNo: target.meter?.factoryNo ?? null,
        account: target.account,
        reason: input.reason ?? '',
      };
      // The row first: a reading card carries its id as its issue. A refusal below rolls it back.
      const row = await tx.specialCards.record({
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        kind: target.kind,
        cardId: card.cardId,
        areaId: target.area?.id ?? null,
        meterId: target.meter?.id ?? null,
        presetKwh: target.presetKwh,
        ...operator(context),
        details,
      });
      const plan = planSpecialCard({ card, order: orderOf(target, row.id), inUse });
      if (!plan.ok) throw refusalError(plan.refusal);
      await recordAudit(tx, context, 'vending.issueSpecialCard', 'card', card.cardId, {
        specialCardId: row.id,
        requestId: input.requestId,
        kind: target.kind,
        presetKwh: target.presetKwh,
        areaCode: details.areaCode,
        meterNo: details.meterNo,
        meterId: target.meter?.id ?? null,
        accountNo: target.account?.accountNo ?? null,
        erased: card.data.kind,
        reason: details.reason,
      });
      return presentSpecialCard(row, plan.card, false);
    });
  } catch (error) {
    // The same request twice at once: the unique request id decides, the loser answers as a replay.
    if (constraintViolation(error) === 'unique') {
      const winner = await context.store.specialCards.byRequest(operatorName, input.requestId);
      if (winner !== undefined) return replay(winner);
    }
    throw error;
  }
}

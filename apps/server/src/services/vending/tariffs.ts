import { validateTariff } from '@openami/domain';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';

/** A price type's tariff versions, oldest first, definitions as objects. */
export async function listTariffVersions(context: ServiceContext, priceTypeId: number) {
  if ((await context.store.priceTypes.get(priceTypeId)) === undefined) {
    throw new AppError('NOT_FOUND', { entity: 'price type', id: priceTypeId });
  }
  const versions = await context.store.tariffs.versions(priceTypeId);
  return versions.map((v) => ({ ...v, definition: JSON.parse(v.definition) as unknown }));
}

/**
 * Adds a tariff version taking effect at `effectiveFrom` (epoch ms). Sales before it keep their version; a
 * version may not take effect in the past, which would reprice what was already sold.
 */
export async function addTariffVersion(
  context: ServiceContext,
  priceTypeId: number,
  input: { readonly effectiveFrom: number; readonly tariff: unknown },
) {
  if ((await context.store.priceTypes.get(priceTypeId)) === undefined) {
    throw new AppError('NOT_FOUND', { entity: 'price type', id: priceTypeId });
  }
  const checked = validateTariff(input.tariff);
  if (!checked.ok) throw new AppError('BAD_TARIFF', { problems: checked.problems.join('; ') });
  if (input.effectiveFrom < context.now) {
    throw new AppError('BAD_TARIFF', { problems: 'effectiveFrom must not be in the past' });
  }
  return context.store.transaction(async (tx) => {
    const row = await tx.tariffs.add(
      {
        priceTypeId,
        effectiveFrom: input.effectiveFrom,
        kind: checked.tariff.kind,
        definition: checked.tariff,
      },
      context.principal.userId > 0 ? context.principal.userId : null,
      context.now,
    );
    await recordAudit(tx, context, 'priceType.addTariff', 'priceType', priceTypeId, {
      tariffVersionId: row.id,
      version: row.version,
      effectiveFrom: row.effectiveFrom,
      tariff: checked.tariff,
    });
    return { ...row, definition: checked.tariff };
  });
}

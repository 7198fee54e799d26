// Adjustments and preset cards in finance's close (issue 15 gap 7, item 3): one line a cashier and day, the
// cash apart from what gave credit without cash, so the cash still matches the drawer.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardImage, vendingApi } from '../../test/vending-api.ts';

interface Day {
  readonly date: string;
  readonly cashier: string;
  readonly salesFen: number;
  readonly cancelsFen: number;
  readonly refundsFen: number;
  readonly netFen: number;
  readonly adjustments: number;
  readonly adjustmentWh: number;
  readonly presetCards: number;
  readonly presetKwh: number;
}
interface Close {
  readonly cashiers: readonly { cashier: string; netFen: number }[];
  readonly days: readonly Day[];
}

describeEachEngine('reconciliation: adjustments and preset cards beside the cash', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  beforeAll(async () => {
    api = await vendingApi(context.store, 'r');
  });
  afterAll(() => api.app.close());

  const close = async (actor = api.cashier) => {
    const response = await api.call(
      actor,
      'GET',
      '/api/vending/reports/reconciliation?from=2026-11-22&to=2026-11-22',
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Close>();
  };

  it('shows a cashier’s day: the cash, and apart from it the adjustments and preset cards', async () => {
    const account = await api.openAccount();
    const sold = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: api.fresh('S'),
      by: 'energy',
      energyWh: 100_000,
      card: cardImage({ kind: 'blank' }, api.fresh('K')),
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const amountFen = sold.json<{ amountFen: number }>().amountFen;
    for (const adjustmentWh of [12_000, -2_000]) {
      const adjusted = await api.call(
        api.cashier,
        'POST',
        `/api/vending/accounts/${account.id}/adjustments`,
        {
          requestId: api.fresh('A'),
          adjustmentWh,
          reason: 'old meter',
        },
      );
      expect(adjusted.statusCode, adjusted.body).toBe(201);
    }
    const preset = await api.call(api.cashier, 'POST', '/api/vending/special-cards', {
      requestId: api.fresh('P'),
      kind: 'preset',
      presetKwh: 15,
      card: cardImage({ kind: 'blank' }, api.fresh('K')),
      reason: '装表预置',
    });
    expect(preset.statusCode, preset.body).toBe(201);

    const body = await close();
    const mine = body.days.filter((d) => d.cashier === api.cashier.username);
    expect(mine).toEqual([
      {
        date: '2026-11-22',
        cashier: api.cashier.username,
        salesFen: amountFen,
        cancelsFen: 0,
        refundsFen: 0,
        netFen: amountFen,
        adjustments: 2,
        adjustmentWh: 10_000,
        presetCards: 1,
        presetKwh: 15,
      },
    ]);
    // The cash per cashier is what it was: adjustments and preset cards move none.
    expect(body.cashiers.find((c) => c.cashier === api.cashier.username)?.netFen).toBe(amountFen);
  });

  it('shows a user of other areas neither the ledger lines nor the preset cards of others', async () => {
    const elsewhere = await api.outsider('cashier');
    const body = await close(elsewhere);
    expect(body.days).toEqual([]);
  });
});

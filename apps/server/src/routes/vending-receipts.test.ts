import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPdf } from '../../test/pdf-text.ts';
import { cardImage, vendingApi } from '../../test/vending-api.ts';
import { findReceiptFont } from '../services/vending/receipt-font.ts';

const font = await findReceiptFont();

describeEachEngine('PDF receipts through the API', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  beforeAll(async () => {
    api = await vendingApi(context.store, 'r');
  });
  afterAll(() => api.app.close());

  async function sold(customerName: string) {
    const account = await api.openAccount(customerName);
    const sale = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: 'sale-1',
      by: 'energy',
      energyWh: 120_000,
      card: cardImage({ kind: 'blank' }),
    });
    expect(sale.statusCode, sale.body).toBe(201);
    return { account, sale: sale.json<{ id: number; invoiceNo: string }>() };
  }

  it.skipIf(font === undefined)(
    'prints every sale as PDF with the HTML receipt’s content; a reprint differs only by its mark',
    async () => {
      const { account, sale } = await sold('欧阳娜娜');
      const pdf = await api.call(
        api.cashier,
        'GET',
        `/api/vending/entries/${sale.id}/receipt.pdf`,
        undefined,
        'zh-CN',
      );
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const first = await readPdf(pdf.rawPayload);
      expect(first.header).toMatch(/^%PDF-/);
      expect(first.pages).toBe(1);
      const text = first.text.join('\n');
      for (const expected of [
        '售电收据',
        sale.invoiceNo,
        '欧阳娜娜',
        account.factoryNo,
        '120.000 kWh',
        '58.60 元',
        '0.4883 元/kWh',
        // The cashier as people know them (issue 22): the display name, not the sign-in name.
        'cashier',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain(api.cashier.username);
      const html = await api.call(
        api.cashier,
        'GET',
        `/api/vending/entries/${sale.id}/receipt`,
        undefined,
        'zh-CN',
      );
      for (const expected of [sale.invoiceNo, '欧阳娜娜', '58.60 元']) expect(html.body).toContain(expected);

      const reprint = await api.call(
        api.cashier,
        'POST',
        `/api/vending/accounts/${account.id}/reprint?format=pdf`,
        undefined,
        'zh-CN',
      );
      expect(reprint.statusCode, reprint.body).toBe(200);
      expect(reprint.headers['content-disposition']).toContain(`receipt-${sale.invoiceNo}-reprint.pdf`);
      const again = (await readPdf(reprint.rawPayload)).text.join('\n');
      expect(again).toContain('售电收据 (补打)');
      expect(again.replace(' (补打)', '')).toBe(text);

      // 001 FAQ 1: no new invoice number was taken.
      const entries = await api.call(api.cashier, 'GET', `/api/vending/accounts/${account.id}/entries`);
      expect(entries.json<{ total: number }>().total).toBe(1);
      const reprintHtml = await api.call(
        api.cashier,
        'POST',
        `/api/vending/accounts/${account.id}/reprint?format=html`,
      );
      expect(reprintHtml.headers['content-type']).toContain('text/html');
      expect(reprintHtml.body).toContain('Sales receipt (Reprint)');
    },
  );

  it('checks the role and the area as the HTML receipt does', async () => {
    const { account, sale } = await sold('李四');
    const maintenance = await api.signIn('maintenance');
    const refused = await api.call(maintenance, 'GET', `/api/vending/entries/${sale.id}/receipt.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await api.outsider('cashier');
    for (const [method, url] of [
      ['GET', `/api/vending/entries/${sale.id}/receipt.pdf`],
      ['POST', `/api/vending/accounts/${account.id}/reprint?format=pdf`],
    ] as const) {
      const response = await api.call(elsewhere, method, url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    }
  });
});

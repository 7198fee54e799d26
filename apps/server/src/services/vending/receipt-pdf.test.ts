import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/pdf-text.ts';
import { findReceiptFont, receiptFontCandidates } from './receipt-font.ts';
import { receiptPdf } from './receipt-pdf.ts';
import { type Receipt, receiptLines, reprintMark } from './receipts.ts';

const sale: Receipt = {
  entryId: 7,
  kind: 'sale',
  invoiceNo: '0000000042',
  reprint: false,
  at: '2026-11-22 16:00',
  accountNo: 'AC0001',
  customerName: '欧阳娜娜',
  address: '和园小区 3 幢 2 单元 502',
  meterNo: 'F00012345',
  operatorName: '收费员张三',
  energyWh: 300_000,
  amountFen: 14_649,
  amountCapitals: '壹佰肆拾陆元肆角玖分',
  purchaseCount: 5,
  writeKwh: 300,
  explanation: ['第一阶梯 300 kWh × 0.4883 元/kWh = 146.49 元', '合计 146.49 元（四舍五入到分）'],
};

const font = await findReceiptFont();

describe.skipIf(font === undefined)('PDF receipts', () => {
  if (font === undefined) return;
  it('is a one-page PDF whose text layer says what the HTML receipt says, in Chinese', async () => {
    const bytes = await receiptPdf(sale, 'zh-CN', font);
    const seen = await readPdf(bytes);
    expect(seen.header).toMatch(/^%PDF-1\.\d/);
    expect(seen.pages).toBe(1);
    const text = seen.text.join('\n');
    const lines = receiptLines(sale, 'zh-CN');
    expect(text).toContain('售电收据');
    for (const [label, value] of lines.rows) {
      expect(text).toContain(label);
      expect(text).toContain(value.replace(/\s+/g, ' '));
    }
    for (const line of sale.explanation) expect(text).toContain(line);
    expect(text).not.toContain(reprintMark('zh-CN').trim());
  });

  it('prints the amount in capitals beside the figures (issue 22)', async () => {
    const text = (await readPdf(await receiptPdf(sale, 'zh-CN', font))).text.join('\n');
    expect(text).toContain('金额（大写）');
    expect(text).toContain('人民币壹佰肆拾陆元肆角玖分');
  });

  it('embeds only the glyphs used: a receipt stays small although the font is megabytes', async () => {
    const bytes = await receiptPdf(sale, 'zh-CN', font);
    expect(font.bytes.length).toBeGreaterThan(1_000_000);
    expect(bytes.length).toBeLessThan(60_000);
  });

  it('prints a reprint with the same lines and invoice number, marked as a reprint (001 FAQ 1)', async () => {
    const first = (await readPdf(await receiptPdf(sale, 'zh-CN', font))).text.join('\n');
    const again = (await readPdf(await receiptPdf({ ...sale, reprint: true }, 'zh-CN', font))).text.join(
      '\n',
    );
    expect(again).toContain(`售电收据${reprintMark('zh-CN')}`);
    expect(again).toContain(sale.invoiceNo);
    expect(again.replace(reprintMark('zh-CN'), '')).toBe(first);
  });

  it('prints English labels for an English reader, with the Chinese names still legible', async () => {
    const text = (await readPdf(await receiptPdf(sale, 'en', font))).text.join('\n');
    expect(text).toContain('Sales receipt');
    expect(text).toContain('Invoice no.');
    expect(text).toContain('欧阳娜娜');
  });

  it('flows a long explanation onto further pages instead of cutting it off', async () => {
    const explanation = Array.from(
      { length: 80 },
      (_, i) => `第 ${i + 1} 行：峰 1 kWh × 0.5683 元/kWh = 0.57 元`,
    );
    const seen = await readPdf(await receiptPdf({ ...sale, explanation }, 'zh-CN', font));
    expect(seen.pages).toBeGreaterThan(1);
    expect(seen.text.join('\n')).toContain('第 80 行');
  });
});

describe('the receipt font', () => {
  it('names Debian packages whose fonts are TrueType collections pdfkit can subset', () => {
    for (const candidate of receiptFontCandidates) {
      expect(candidate.path).toMatch(/^\/usr\/share\/fonts\/truetype\/.+\.ttc$/);
      expect(candidate.debianPackage).toMatch(/^fonts-/);
    }
  });
});

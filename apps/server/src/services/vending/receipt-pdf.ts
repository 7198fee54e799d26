import PDFDocument from 'pdfkit';
import type { Locale } from '../../errors.ts';
import type { ReceiptFont } from './receipt-font.ts';
import { type Receipt, receiptLines } from './receipts.ts';

/** 100 mm wide like the HTML receipt, A6 high (pdfkit measures in points, 72 to the inch). */
const pageSizePt: [number, number] = [283.46, 419.53];
const marginPt = 20;
const labelWidthPt = 72;

/**
 * A receipt as PDF: the same lines as the HTML one (`receiptLines`), set in a CJK font that is embedded and
 * subset to the glyphs used, so the text layer is searchable and the file stays small. No browser involved.
 */
export function receiptPdf(receipt: Receipt, locale: Locale, font: ReceiptFont): Promise<Buffer> {
  const { title, rows, explanation } = receiptLines(receipt, locale);
  const doc = new PDFDocument({
    size: pageSizePt,
    margin: marginPt,
    lang: locale,
    displayTitle: true,
    info: { Title: `${title} ${receipt.invoiceNo ?? ''}`.trim(), Producer: 'OpenAMI', Creator: 'OpenAMI' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('receipt', font.bytes, font.face);
  doc.font('receipt');
  const width = pageSizePt[0] - 2 * marginPt;

  doc.fontSize(14).text(title, { align: 'center', width });
  doc.moveDown(0.6);
  doc.fontSize(9);
  for (const [label, value] of rows) {
    const top = doc.y;
    doc.fillColor('#444444').text(label, marginPt, top, { width: labelWidthPt - 4 });
    const labelBottom = doc.y;
    doc.fillColor('#000000').text(value, marginPt + labelWidthPt, top, { width: width - labelWidthPt });
    doc.y = Math.max(doc.y, labelBottom) + 2;
  }
  if (explanation.length > 0) {
    doc.moveDown(0.4);
    doc
      .moveTo(marginPt, doc.y)
      .lineTo(marginPt + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    doc.moveDown(0.4);
    doc.fontSize(7.5);
    explanation.forEach((line, index) => {
      doc.text(`${index + 1}. ${line}`, marginPt, doc.y, { width });
    });
  }
  doc.end();
  return done;
}

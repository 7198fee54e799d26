import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a PDF reader sees in a file: its version header, its pages and each page's text, line by line. */
export interface PdfSeen {
  readonly header: string;
  readonly pages: number;
  /** Per page, the text items joined into lines (pdf.js marks a line end with `hasEOL`). */
  readonly text: readonly string[];
}

/** Parses a PDF with pdf.js (Mozilla's reader, not the library that wrote it) and extracts its text layer. */
export async function readPdf(bytes: Uint8Array): Promise<PdfSeen> {
  const header = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const text: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    let page = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      page += item.str + (item.hasEOL ? '\n' : '');
    }
    text.push(page);
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { header, pages, text };
}

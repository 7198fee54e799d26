import { readFile } from 'node:fs/promises';
import { AppError } from '../../errors.ts';

/** A font that can set a receipt's Chinese text, as bytes, and which face of a collection to use. */
export interface ReceiptFont {
  readonly bytes: Buffer;
  /** The PostScript name of the face inside a TrueType collection (.ttc). */
  readonly face: string;
}

/**
 * Where Debian's CJK font packages put their TrueType fonts, in order of preference. `.ci/run` installs
 * `fonts-wqy-zenhei`; a server printing PDF receipts needs one of these packages. Only TrueType outlines are
 * listed: pdfkit subsets them to the glyphs a receipt uses, which keeps a receipt to a few kilobytes.
 */
export const receiptFontCandidates: readonly {
  readonly path: string;
  readonly face: string;
  readonly debianPackage: string;
}[] = [
  {
    path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    face: 'WenQuanYiZenHei',
    debianPackage: 'fonts-wqy-zenhei',
  },
  {
    path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    face: 'WenQuanYiMicroHei',
    debianPackage: 'fonts-wqy-microhei',
  },
];

let loaded: Promise<ReceiptFont | undefined> | undefined;

/** The first installed candidate, read once per process (about 16 MB for WenQuanYi Zen Hei). */
export function findReceiptFont(): Promise<ReceiptFont | undefined> {
  loaded ??= (async () => {
    for (const candidate of receiptFontCandidates) {
      try {
        return { bytes: await readFile(candidate.path), face: candidate.face };
      } catch {
        // Not installed: try the next package's font.
      }
    }
    return undefined;
  })();
  return loaded;
}

/** The font, or the error that names the package to install. */
export async function requireReceiptFont(): Promise<ReceiptFont> {
  const font = await findReceiptFont();
  if (font === undefined) {
    throw new AppError('RECEIPT_FONT_MISSING', {
      package: receiptFontCandidates.map((c) => c.debianPackage).join(' / '),
    });
  }
  return font;
}

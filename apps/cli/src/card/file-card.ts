import { readFile, rename, writeFile } from 'node:fs/promises';
import { type CardDevice, type CardImage, isLocked, parseCardImage } from '@openami/domain';

/**
 * A virtual IC card: the card image as a JSON file (docs/card-image.md). "No card in the reader" is a missing
 * file. Writes go to a temporary file renamed over the card, so a crash never leaves half a card, and a
 * locked card refuses writes as the real one does (001 FAQ 12). A PC/SC driver implements the same
 * `CardDevice` and needs nothing else changed.
 */
export class FileCardDevice implements CardDevice {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async read(): Promise<CardImage | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = parseCardImage(JSON.parse(text));
    if (!parsed.ok) throw new Error(`${this.path} is not a card image: ${parsed.problems.join('; ')}`);
    return parsed.card;
  }

  async write(image: CardImage): Promise<void> {
    const current = await this.read();
    if (current !== undefined && isLocked(current)) throw new Error('the card is locked (001 FAQ 12)');
    if (current !== undefined && current.cardId !== image.cardId) {
      throw new Error(`the reader holds card ${current.cardId}, not ${image.cardId}`);
    }
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(image, null, 2)}\n`, 'utf8');
    await rename(temporary, this.path);
  }

  /** Puts a new blank card in the reader (the file must not exist yet). */
  async issueBlank(cardId: string): Promise<CardImage> {
    const blank: CardImage = {
      format: 'openami-card/1',
      cardId,
      wrongPasswordAttempts: 0,
      data: { kind: 'blank' },
    };
    await writeFile(this.path, `${JSON.stringify(blank, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    return blank;
  }
}

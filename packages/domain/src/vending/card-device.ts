import type { CardImage } from './card-image.ts';

/**
 * A card reader/writer. The rules never talk to hardware: the virtual card (a JSON file) implements this for
 * the demo and tests, and a PC/SC driver can implement it later with no change to the rules. Implementations
 * verify the card's password themselves and count wrong attempts on the card (001 FAQ 12).
 */
export interface CardDevice {
  /** The card in the reader, or undefined when there is none. */
  read(): Promise<CardImage | undefined>;
  /** Replaces the card's content; refused (rejects) for a locked card or when no card is present. */
  write(image: CardImage): Promise<void>;
}

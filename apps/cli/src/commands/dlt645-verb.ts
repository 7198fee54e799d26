// One verb of `openami 645 encode`: what it is called, how it is used, and how it builds its request frame
// from what the technician typed; and the readings of arguments the verbs share.
import { type Edition, type Frame, normalizeAddress, parseDi } from '@openami/protocol';
import { InputError, parseOperatorCode, parsePassword } from './dlt645-inputs.ts';

/** The options `openami 645 encode` takes, as typed. */
export interface EncodeOptions {
  readonly password?: string;
  readonly new?: string;
  readonly operator?: string;
  readonly 'valid-until'?: string;
  readonly 'valid-for'?: string;
  readonly raw?: string;
  readonly blocks?: string;
  readonly from?: string;
  readonly ciphertext?: string;
  readonly random?: string;
  readonly diversifier?: string;
  readonly amount?: string;
  readonly count?: string;
  readonly mac1?: string;
  readonly mac2?: string;
  readonly customer?: string;
}

export interface EncodeRequest {
  readonly edition: Edition;
  /** What follows the verb. */
  readonly args: readonly string[];
  readonly options: EncodeOptions;
  /** The machine's clock, for "now" and for --valid-for. */
  readonly nowMs: number;
}

export interface Verb {
  readonly name: string;
  /** Control code(s), as the standard writes them. */
  readonly code: string;
  readonly usage: string;
  readonly summary: string;
  readonly example: string;
  readonly editions: readonly Edition[];
  build(request: EncodeRequest): Frame;
}

export const ADDRESS_EXAMPLE = '202305150001';

export function arg(request: EncodeRequest, index: number, name: string): string {
  const value = request.args[index];
  if (value === undefined) throw new InputError(`missing ${name}`);
  return value;
}

export function address(request: EncodeRequest): string {
  return normalizeAddress(arg(request, 0, '<address> (the meter address, up to 12 digits)'));
}

export function identifier(request: EncodeRequest, index: number): number {
  const text = arg(request, index, '<identifier> (8 hex digits in 2007, 4 in 1997)');
  return parseDi(text, request.edition === '2007' ? 4 : 2);
}

export function credentials(request: EncodeRequest) {
  const { level, password } = parsePassword(request.options.password, '--password');
  return { passwordLevel: level, password, operatorCode: parseOperatorCode(request.options.operator) };
}

export function byEdition(request: EncodeRequest, build2007: () => Frame, build1997: () => Frame): Frame {
  return request.edition === '2007' ? build2007() : build1997();
}

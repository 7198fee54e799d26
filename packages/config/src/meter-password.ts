import { type Kind, ok, problem } from './kind.ts';

/** OPENAMI_METER_PASSWORD: the password level and the password relay and parameter commands carry. */
export interface MeterPassword {
  readonly passwordLevel: number;
  /** Six hex digits, upper-cased. */
  readonly password: string;
}

export const meterPassword: Kind<MeterPassword> = {
  type: '`level:password`: two digits, six hex digits',
  parse: (raw) => {
    const match = /^([0-9]{2}):([0-9A-Fa-f]{6})$/.exec(raw);
    if (match === null) return problem('must be level:password, two digits and six hex digits (02:123456)');
    const [, level = '', password = ''] = match;
    return ok({ passwordLevel: Number(level), password: password.toUpperCase() });
  },
};

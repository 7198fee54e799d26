/** What a setting's text became: its value, or what is wrong with it in an operator's words. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/**
 * A kind of setting: how its text is written (for the documentation) and how it is read. A kind never sees
 * an empty text: an empty or missing setting takes its default.
 */
export interface Kind<T> {
  /** How the value is written, in a few words: `whole number 1–65535`. */
  readonly type: string;
  parse(text: string): Parsed<T>;
}

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const problem = (text: string): Parsed<never> => ({ ok: false, problem: text });

/** Any text: a path, a host name, a secret. */
export function text(type: string): Kind<string> {
  return { type, parse: ok };
}

/** A whole number in a range; `unit` names what it counts where "number" would be vague (an hour of the day). */
export function integer(min: number, max: number, unit = 'number'): Kind<number> {
  return {
    type: `whole ${unit} ${min}–${max}`,
    parse: (raw) => {
      const value = Number(raw);
      return /^\d+$/.test(raw) && value >= min && value <= max
        ? ok(value)
        : problem(`must be a whole ${unit} from ${min} to ${max}`);
    },
  };
}

/** A whole number that is 0 (off) or at least `min`; below it the problem says why (`reason`). */
export function atLeastOrOff(min: number, max: number, unit: string, reason: string): Kind<number> {
  return {
    type: `0 or whole ${unit} ${min}–${max}`,
    parse: (raw) => {
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value > max)
        return problem(`must be 0 or a whole number of ${unit} from ${min} to ${max}`);
      if (value !== 0 && value < min)
        return problem(`must be at least ${min} ${unit} (${reason}), or 0 to keep them all`);
      return ok(value);
    },
  };
}

export const flag: Kind<boolean> = {
  type: '`true` or `false`',
  parse: (raw) =>
    raw === 'true' ? ok(true) : raw === 'false' ? ok(false) : problem('must be true or false'),
};

export function oneOf<const T extends string>(values: readonly T[]): Kind<T> {
  return {
    type: `one of ${values.map((v) => `\`${v}\``).join(', ')}`,
    parse: (raw) =>
      (values as readonly string[]).includes(raw)
        ? ok(raw as T)
        : problem(`must be one of ${values.join(', ')}`),
  };
}

export const timeZone: Kind<string> = {
  type: 'IANA time zone',
  parse: (raw) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: raw });
      return ok(raw);
    } catch {
      return problem('not a time zone (for example Asia/Shanghai)');
    }
  },
};

/** Hex digits, upper-cased; `meaning` says what they are when the count alone would not. */
export function hexDigits(count: number, words: string, meaning = ''): Kind<string> {
  return {
    type: `${count} hex digits`,
    parse: (raw) =>
      new RegExp(`^[0-9A-Fa-f]{${count}}$`).test(raw)
        ? ok(raw.toUpperCase())
        : problem(`must be ${words} hex digits${meaning === '' ? '' : ` (${meaning})`}`),
  };
}

export const httpUrl: Kind<string> = {
  type: 'http(s) URL',
  parse: (raw) => (/^https?:\/\/\S+$/.test(raw) ? ok(raw) : problem('must be an http(s) URL')),
};

import type { Kind, Parsed } from './kind.ts';

/** The `openami` commands that read settings from the environment. */
export const readers = [
  'serve',
  'collector',
  'read',
  'demo',
  'migrate',
  'user',
  'audit',
  'ledger',
  'retention',
] as const;
export type Reader = (typeof readers)[number];

/** What is said about a setting, wherever it is documented. */
export interface SettingFacts {
  /** `OPENAMI_…`, the environment variable. */
  readonly name: string;
  /** How the value is written, for the documentation (the kind's own words unless given). */
  readonly type: string;
  /** The default as it would be written in the environment; undefined: none. */
  readonly default: string | undefined;
  /** Said instead of the default where there is none or it is worked out at start (`any free port`). */
  readonly defaultText?: string;
  /** Never printed: problems name the setting without echoing it, and the examples leave it empty. */
  readonly secret: boolean;
  /**
   * `OPENAMI_…_FILE=/path` may give the value instead (a container's or a service manager's secret file):
   * every secret, and whatever else says so.
   */
  readonly fromFile: boolean;
  readonly readBy: readonly Reader[];
  /** One line, English: what it is for. */
  readonly meaning: string;
  /** More for the documentation page, Markdown: formats, consequences, where to read on. */
  readonly details?: string;
}

/** A declared setting: its facts, how to read it, and the value it has when unset. */
export interface Setting<T> extends SettingFacts {
  parse(text: string): Parsed<T>;
  readonly fallback: T;
}

interface Declaration<T> extends Omit<SettingFacts, 'type' | 'default' | 'secret' | 'fromFile'> {
  readonly kind: Kind<T>;
  readonly type?: string;
  readonly secret?: boolean;
  /** As secret unless given. */
  readonly fromFile?: boolean;
}

/** A setting with a default, written as in the environment and read by the setting's own kind. */
export function setting<T>(declaration: Declaration<T> & { readonly default: string }): Setting<T>;
/** A setting without a default: unset, its value is undefined. */
export function setting<T>(declaration: Declaration<T>): Setting<T | undefined>;
export function setting<T>(
  declaration: Declaration<T> & { readonly default?: string },
): Setting<T> | Setting<T | undefined> {
  const { kind, type, secret, fromFile, default: defaultText, ...facts } = declaration;
  let fallback: T | undefined;
  if (defaultText !== undefined) {
    const parsed = kind.parse(defaultText);
    // A declaration whose default its own kind refuses is a programming error, caught by every test run.
    if (!parsed.ok) throw new Error(`${facts.name}: the default ${defaultText} ${parsed.problem}`);
    fallback = parsed.value;
  }
  return {
    ...facts,
    type: type ?? kind.type,
    default: defaultText,
    secret: secret ?? false,
    fromFile: fromFile ?? secret ?? false,
    parse: (text) => kind.parse(text),
    fallback,
  };
}

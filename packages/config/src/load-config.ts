import { type Config, configOf } from './config.ts';
import { ConfigError } from './config-error.ts';
import type { Reader, Setting } from './setting.ts';
import { publishedEsamKeys, type SettingKey, type SettingValues, settings } from './settings.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads a whole text file (the process's `readFileSync(path, 'utf8')`), for settings given as `NAME_FILE`;
 * it throws as `readFileSync` does. Without one, a `NAME_FILE` is a problem.
 */
export type ReadFile = (path: string) => string;

const noFiles: ReadFile = () => {
  throw Object.assign(new Error('no file reader'), { code: 'files are not read here' });
};

/**
 * The configuration `reader` sees in `env`, and every problem with the settings it reads, in the order of
 * their declaration. A bad setting takes its default, so the configuration is whole either way. Settings
 * the reader does not read are not looked at: they keep their defaults.
 */
export function readConfig(
  env: Environment,
  reader: Reader,
  readFile: ReadFile = noFiles,
): { config: Config; problems: readonly string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, declared] of Object.entries(settings) as [SettingKey, Setting<unknown>][]) {
    values[key] = declared.readBy.includes(reader)
      ? settingValue(declared, env, readFile, problems)
      : declared.fallback;
  }
  const read = values as unknown as SettingValues;
  // Alarms and the signature in clear, unless the operator says the way is safe.
  if (read.webhookUrl?.startsWith('http://') === true && !read.webhookAllowHttp) {
    problems.push(
      `${settings.webhookUrl.name}: must be https:// (set ${settings.webhookAllowHttp.name}=true for a receiver on a trusted network)`,
    );
    values.webhookUrl = undefined;
  }
  // Every copy of OpenAMI knows the simulator's key; only `openami demo`, which does not read it, uses it.
  if (read.esamKey !== undefined && publishedEsamKeys.includes(read.esamKey)) {
    problems.push(
      `${settings.esamKey.name}: is the simulator's published test key, which anyone can read; set the utility's own key (only openami demo uses the test key)`,
    );
    values.esamKey = undefined;
  }
  // Half a TLS pair would quietly serve in clear: both or neither.
  const pairs = [
    [settings.tlsCertPath, settings.tlsKeyPath, read.tlsCertPath, read.tlsKeyPath],
    [settings.dialInTlsCertPath, settings.dialInTlsKeyPath, read.dialInTlsCertPath, read.dialInTlsKeyPath],
  ] as const;
  for (const [cert, key, certPath, keyPath] of pairs) {
    if ((certPath === undefined) !== (keyPath === undefined))
      problems.push(`${cert.name} and ${key.name}: set both or neither`);
  }
  if (read.tlsChainPath !== undefined && read.tlsCertPath === undefined)
    problems.push(`${settings.tlsChainPath.name}: needs ${settings.tlsCertPath.name}`);
  if (read.dialInClientCaPath !== undefined && read.dialInTlsCertPath === undefined)
    problems.push(`${settings.dialInClientCaPath.name}: needs ${settings.dialInTlsCertPath.name}`);
  // The signature is what makes a webhook trustworthy: an address without a good secret is not used.
  if (read.webhookUrl !== undefined && (read.webhookSecret ?? '').length < 16) {
    problems.push(`${settings.webhookSecret.name}: must be set, at least 16 characters`);
    values.webhookUrl = undefined;
  }
  return { config: configOf(read), problems };
}

/** The configuration `reader` sees in `env`, frozen; a `ConfigError` lists every bad setting it reads. */
export function loadConfig(env: Environment, reader: Reader, readFile?: ReadFile): Config {
  const { config, problems } = readConfig(env, reader, readFile);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** One setting alone, for a command that reads nothing else; a `ConfigError` says what is wrong with it. */
export function loadSetting<K extends SettingKey>(
  env: Environment,
  key: K,
  readFile: ReadFile = noFiles,
): SettingValues[K] {
  const problems: string[] = [];
  const value = settingValue(settings[key] as Setting<unknown>, env, readFile, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return value as SettingValues[K];
}

/**
 * The text of a setting: `NAME`, or the file `NAME_FILE` names (where the setting may come from a file),
 * less one trailing newline. Undefined: a problem, said in `problems`.
 */
function settingText(
  declared: Setting<unknown>,
  env: Environment,
  readFile: ReadFile,
  problems: string[],
): string | undefined {
  const direct = env[declared.name] ?? '';
  const fileName = `${declared.name}_FILE`;
  const path = declared.fromFile ? (env[fileName] ?? '') : '';
  if (path === '') return direct;
  if (direct !== '') {
    problems.push(`${declared.name} and ${fileName} are both set: set one of them`);
    return undefined;
  }
  try {
    return readFile(path).replace(/\r?\n$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not allowed to read it' : code;
    problems.push(`${fileName}=${path}: cannot read the file (${why ?? 'unreadable'})`);
    return undefined;
  }
}

/** An empty setting counts as unset: that is what `NAME=` in an environment file means. */
function settingValue(
  declared: Setting<unknown>,
  env: Environment,
  readFile: ReadFile,
  problems: string[],
): unknown {
  const raw = settingText(declared, env, readFile, problems) ?? '';
  if (raw === '') return declared.fallback;
  const parsed = declared.parse(raw);
  if (parsed.ok) return parsed.value;
  // A secret is never echoed: the message names the setting only.
  problems.push(
    declared.secret ? `${declared.name}: ${parsed.problem}` : `${declared.name}=${raw}: ${parsed.problem}`,
  );
  return declared.fallback;
}

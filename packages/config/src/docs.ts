// `.env.example` and the settings tables of docs/configuration.md, made from the declarations, so that the
// documentation cannot fall behind them: `npm run config:docs` writes both, a test compares.
import { developerSettings } from './developer-settings.ts';
import type { SettingFacts } from './setting.ts';
import { settings } from './settings.ts';

export const settingFacts: readonly SettingFacts[] = Object.values(settings);

/** `OPENAMI_…_FILE`: the names that give a setting's value as a file, where it may come from one. */
export const fileSettingNames: readonly string[] = settingFacts
  .filter((facts) => facts.fromFile)
  .map((facts) => `${facts.name}_FILE`);

/** The lines of docs/configuration.md between these two are made here; the rest of the page is prose. */
export const generatedStart =
  '<!-- made from packages/config/src/settings.ts by `npm run config:docs`: edit there, not here -->';
export const generatedEnd = '<!-- end of the settings made from packages/config -->';

const defaultOf = (facts: SettingFacts): string => facts.default ?? facts.defaultText ?? 'none';

export function renderEnvExample(): string {
  const lines = [
    '# OpenAMI settings, each with its default; uncomment to change. docs/configuration.md says more.',
    '# Made from packages/config/src/settings.ts by `npm run config:docs`: edit there, not here.',
  ];
  for (const facts of settingFacts) {
    const about = [
      facts.type.replaceAll('`', ''),
      ...(facts.default === undefined ? [`default: ${defaultOf(facts)}`] : []),
      ...(facts.secret ? ['secret'] : []),
      ...(facts.fromFile ? [`or from the file ${facts.name}_FILE names`] : []),
      `read by ${facts.readBy.join(', ')}`,
    ];
    lines.push('', `# ${facts.meaning}`, `# ${about.join('; ')}`, `#${facts.name}=${facts.default ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `yes` for a secret, and `_FILE` where the value may come from a file instead. */
const secretCell = (facts: SettingFacts): string =>
  [...(facts.secret ? ['yes'] : []), ...(facts.fromFile ? ['`_FILE`'] : [])].join(', ');

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The settings' table and the tests' and benchmarks', between the markers. */
export function renderSettingsTables(): string {
  const lines = [
    generatedStart,
    '',
    '| variable | type | default | secret, file | read by | meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const facts of settingFacts) {
    const byDefault = facts.default === undefined ? defaultOf(facts) : `\`${facts.default}\``;
    const meaning = facts.details === undefined ? facts.meaning : `${facts.meaning} ${facts.details}`;
    lines.push(
      `| \`${facts.name}\` | ${cell(facts.type)} | ${cell(byDefault)} | ${secretCell(facts)} | ${facts.readBy.join(', ')} | ${cell(meaning)} |`,
    );
  }
  lines.push(
    '',
    'The tests and benchmarks read these; a running OpenAMI never does, and `.env.example` leaves them out.',
    '',
    '| variable | default | read by | meaning |',
    '|---|---|---|---|',
  );
  for (const facts of developerSettings) {
    lines.push(
      `| \`${facts.name}\` | ${cell(facts.defaultText)} | ${facts.readBy.join(', ')} | ${cell(facts.meaning)} |`,
    );
  }
  lines.push('', generatedEnd);
  return lines.join('\n');
}

/** The configuration page with its tables made afresh; the prose around them is kept. */
export function withSettingsTables(page: string): string {
  const start = page.indexOf(generatedStart);
  const end = page.indexOf(generatedEnd);
  if (start < 0 || end < start)
    throw new Error(`the configuration page has lost its markers:\n${generatedStart}\n${generatedEnd}`);
  return `${page.slice(0, start)}${renderSettingsTables()}${page.slice(end + generatedEnd.length)}`;
}

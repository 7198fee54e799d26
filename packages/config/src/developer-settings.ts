// Settings of the tests and benchmarks, never of a running OpenAMI: they are read where they are used (the
// test helpers, bench/), documented on the configuration page, and kept out of `.env.example`. Declared
// here so that the test over the sources knows them from a misspelt or forgotten operator setting.

export interface DeveloperSetting {
  readonly name: string;
  readonly readBy: readonly ('tests' | 'bench')[];
  readonly defaultText: string;
  readonly meaning: string;
}

export const developerSettings: readonly DeveloperSetting[] = [
  {
    name: 'OPENAMI_TEST_POSTGRES_URL',
    readBy: ['tests', 'bench'],
    defaultText: 'none (SQLite only)',
    meaning:
      'A PostgreSQL database the store tests and benchmarks also run on, each in a scratch schema (CI: postgres://postgres@127.0.0.1:5432/test).',
  },
  {
    name: 'OPENAMI_CHROMIUM',
    readBy: ['tests', 'bench'],
    defaultText: '/usr/bin/chromium',
    meaning:
      'The chromium the browser tests and bench/web.ts drive; without it the browser tests are skipped.',
  },
  {
    name: 'OPENAMI_BENCH_CPU_PROF',
    readBy: ['bench'],
    defaultText: 'none',
    meaning: "A directory bench/vending.ts writes the API process's CPU profile to.",
  },
];

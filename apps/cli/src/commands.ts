import type { CommandModule } from './io.ts';

interface CommandEntry {
  readonly summary: string;
  load(): Promise<CommandModule>;
}

/** The command table. Add a command here and put its module in `commands/`. */
export const commands: Readonly<Record<string, CommandEntry>> = {
  '645': {
    summary: 'decode and encode DL/T 645 frames (openami 645 help)',
    load: () => import('./commands/dlt645.ts'),
  },
};

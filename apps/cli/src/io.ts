/** Where a command writes; tests pass their own to capture output. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandModule {
  run(args: string[], io: CommandIo): Promise<number>;
}

export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}

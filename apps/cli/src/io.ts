/** Where a command writes; tests pass their own to capture output. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** A status line that replaces the previous one (a progress bar); '' clears it. Absent: no progress shown. */
  progress?(text: string): void;
}

export interface CommandModule {
  run(args: string[], io: CommandIo): Promise<number>;
}

export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    // Only on a terminal: in a log file a progress bar is noise.
    ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
  };
}

import { scrubText } from '@openami/server';

/** pino's level numbers, so one reader (`pino-pretty`, a log shipper) takes serve's and this log alike. */
const levels = { info: 30, warn: 40, error: 50 } as const;

/**
 * A process's log as JSON lines in the shape of serve's (pino): level, time, pid, the part (`name`) and the
 * message, with phone numbers, ID numbers and bearer tokens taken out of it.
 */
export function jsonLog(
  name: string,
  write: (line: string) => void,
  clock: () => number = Date.now,
): (line: string, level?: keyof typeof levels) => void {
  return (line, level = 'info') =>
    write(
      JSON.stringify({ level: levels[level], time: clock(), pid: process.pid, name, msg: scrubText(line) }),
    );
}

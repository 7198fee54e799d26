// The server's periodic jobs (the ledger check, the audit check, retention): each run starts `everyMs` after
// the previous one ended, so a slow run never overlaps the next; a failed run is reported and the next one
// still comes. Timers do not hold the process open.

export interface Repeat {
  /** How long after each run ends the next one starts. */
  readonly everyMs: number;
  /** How long after start the first run comes. */
  readonly firstAfterMs: number;
  readonly error: (error: unknown) => void;
}

/** Runs `work` on the schedule until the returned function is called (which a run in progress finishes). */
export function repeat(work: () => Promise<void>, schedule: Repeat): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = (afterMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      work()
        .catch(schedule.error)
        .finally(() => next(schedule.everyMs));
    }, afterMs);
    timer.unref();
  };
  next(schedule.firstAfterMs);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

// Who asked the collector for something, as the run record and the audit log name them.

export interface Actor {
  readonly userId: number | null;
  readonly name: string;
  readonly sourceIp: string;
}

/** The collector itself: scheduled runs, and commands it resumes or picks up. */
export const SYSTEM: Actor = { userId: null, name: 'collector', sourceIp: 'local' };

/**
 * Why something the head-end did failed, as stable codes: the closed list the head-end fills with
 * parameters (`ReasonParamsByCode` in @openami/headend) and the web's locale files word (`reasons.codes`).
 * The English text stored beside a code is for logs; people read the code in their language.
 */
export const REASON_CODES = [
  'timeout',
  'offline',
  'checksum',
  'bad-frame',
  'out-of-sync',
  'item-refused',
  'meter-refused',
  'cancelled',
  'no-answer',
  'not-sent',
  'not-applied',
  'top-up-not-recorded',
  'security-refused',
  'unexpected-answer',
  'no-security-module',
  'meter-on-no-bus',
  'meter-on-no-port',
  'no-purchase-count',
  'freeze-too-old',
  'no-freeze',
  'run-interrupted',
  'run-overlap',
  'several',
  'internal-error',
] as const;

/** What a finished run says about itself, by plan kind: its counts (`RunSummaryParamsByCode`). */
export const RUN_SUMMARY_CODES = [
  'read-summary',
  'time-sync-summary',
  'clock-summary',
  'daily-frozen-summary',
] as const;

/**
 * Why a reading plan cannot run (the head-end's `planProblemReason`), a code the API words in the
 * requester's language (`BAD_PLAN`, and a stored plan's `problem`).
 */
export const PLAN_PROBLEM_CODES = [
  'bad-kind',
  'bad-items',
  'no-items',
  'unknown-item',
  'bad-targets',
  'unknown-target',
  'bad-target-ids',
  'bad-schedule',
  'bad-schedule-kind',
  'bad-interval',
  'bad-offset',
  'bad-month-day',
  'bad-time-of-day',
  'unreadable',
] as const;
export type PlanProblemCode = (typeof PLAN_PROBLEM_CODES)[number];

// Why the head-end failed, as the API says it: a stable reason code with its parameters, beside an English
// text for logs (and the only thing rows written before reason codes have). The closed lists below are the
// API's (@openami/headend REASON_CODES, @openami/protocol's error-word reasons), held together with it by
// e2e/web-contract.test.ts; the locale files word each entry under `reasons`.

export const reasonCodes = [
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
export type ReasonCode = (typeof reasonCodes)[number];

/** What a finished run says about itself, by plan kind (@openami/headend RUN_SUMMARY_CODES). */
export const runSummaryCodes = [
  'read-summary',
  'time-sync-summary',
  'clock-summary',
  'daily-frozen-summary',
] as const;

/** The bits of a meter's error word (错误信息字 ERR, DL/T 645-2007 and 1997). */
export const meterErrors = [
  'other',
  'no-data',
  'unauthorized',
  'baud-rate-unchangeable',
  'too-many-year-zones',
  'too-many-day-periods',
  'too-many-tariffs',
  'illegal-data',
  'bad-identifier',
  'password',
] as const;

/** The bits of a refused security command's SERR word (Q/GDW 1365-2013, 安全认证). */
export const securityErrors = [
  'other',
  'repeated-recharge',
  'esam-verification',
  'authentication',
  'customer-number',
  'purchase-count',
  'hoarding-limit',
] as const;

/** How a reply can be damaged (the codec's error codes). */
export const frameProblems = [
  'truncated',
  'bad-start',
  'bad-checksum',
  'bad-end',
  'bad-length',
  'bad-address',
  'bad-bcd',
  'bad-value',
  'bad-function',
  'bad-data',
] as const;

/** The commands a meter may refuse with its error word (a refused read names its data item instead). */
export const refusedRequests = ['remote-control', 'write-data', 'security'] as const;

/** What the API sends with anything that can fail: the text, and the code with its parameters when known. */
export interface CodedReason {
  readonly reason: string | null;
  readonly reasonCode?: string | null;
  readonly reasonParams?: Readonly<Record<string, unknown>> | null;
}

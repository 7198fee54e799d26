// Why the head-end failed, as the API says it: a stable reason code with its parameters, beside an English
// text for logs. The web's locale files word every entry of these lists (`reasons.*`).
import type { REASON_CODES, RUN_SUMMARY_CODES } from '@openami/domain';
import {
  ERROR_REASON_TEXT,
  type ErrorReason,
  type ProtocolErrorCode,
  SECURITY_ERROR_TEXT,
  type SecurityErrorReason,
} from '@openami/protocol';

export { REASON_CODES as reasonCodes, RUN_SUMMARY_CODES as runSummaryCodes } from '@openami/domain';

export type ReasonCode = (typeof REASON_CODES)[number];
export type RunSummaryCode = (typeof RUN_SUMMARY_CODES)[number];

/** The bits of a meter's error word (错误信息字 ERR, DL/T 645-2007 and 1997), with the standard's words. */
export const meterErrors = Object.keys(ERROR_REASON_TEXT) as ErrorReason[];
export const meterErrorWords = ERROR_REASON_TEXT;

/** The bits of a refused security command's SERR word (Q/GDW 1365-2013, 安全认证), with their words. */
export const securityErrors = Object.keys(SECURITY_ERROR_TEXT) as SecurityErrorReason[];
export const securityErrorWords = SECURITY_ERROR_TEXT;

/** How a reply can be damaged (the codec's error codes, `bad-frame`'s `problem`). */
export const frameProblems = [
  'truncated',
  'bad-start',
  'bad-checksum',
  'bad-end',
  'bad-length',
  'bad-address',
  'bad-bcd',
  'bad-date-time',
  'bad-value',
  'bad-function',
  'bad-data',
] as const satisfies readonly ProtocolErrorCode[];
// Every codec error is listed: one added to the codec and not here fails to compile.
const framesListed: Exclude<ProtocolErrorCode, (typeof frameProblems)[number]> extends never ? true : never =
  true;
void framesListed;

/** The commands a meter may refuse with its error word (`meter-refused`'s `request`). */
export const refusedRequests = ['remote-control', 'write-data', 'security'] as const;

/** The steps of a security command (`security-refused`'s `step`). */
export const securitySteps = ['identity', 'top-up'] as const;

// Why something the head-end did failed, as a stable code with its parameters. The English message that goes
// with it is for logs; people read the code, worded in their language by the web application (locale
// namespace `reasons`), so a failure shows in Chinese to a Chinese user however the head-end phrased it.
import { REASON_CODES as reasonCodeList, RUN_SUMMARY_CODES as runSummaryCodeList } from '@openami/domain';
import type { ErrorReason, ProtocolErrorCode, SecurityErrorReason } from '@openami/protocol';

/** The parameters each reason carries; a closed set, listed in REASON_CODES. */
export type ReasonParamsByCode = {
  /** Nothing usable came back within the time the wire and the standard allow. */
  timeout: Record<string, never>;
  /** The link to the terminal is down. */
  offline: Record<string, never>;
  /** A reply arrived whose checksum is wrong: usually a collision or line noise. */
  checksum: Record<string, never>;
  /** A reply arrived damaged otherwise (cut short, bad end byte, content that does not parse). */
  'bad-frame': { readonly problem: ProtocolErrorCode };
  /** A well-formed frame arrived that does not answer the request (another meter, another function). */
  'out-of-sync': Record<string, never>;
  /** The meter refused to read an item (its error word names why): `item` is the data identifier in hex. */
  'item-refused': { readonly item: string; readonly errors: readonly ErrorReason[] };
  /** The meter refused a command (its error word names why): `request` is the request's kind. */
  'meter-refused': { readonly request: string; readonly errors: readonly ErrorReason[] };
  /** The exchange was withdrawn before it ran (shutdown, the link closed by the station). */
  cancelled: Record<string, never>;
  /** Not tried: the meter did not answer the first exchange of this run. */
  'no-answer': Record<string, never>;
  /** A command never went out. */
  'not-sent': Record<string, never>;
  /** The meter acknowledged a command but reading it back shows it did not take effect. */
  'not-applied': Record<string, never>;
  /** The meter acknowledged a top-up but its purchase records do not show it. */
  'top-up-not-recorded': Record<string, never>;
  /** The meter refused a 03H security command: its SERR word's reasons (Q/GDW 1365-2013, 安全认证). */
  'security-refused': {
    readonly step: 'identity' | 'top-up';
    readonly refusals: readonly SecurityErrorReason[];
  };
  /** The meter answered a security command with something else (`answer`: the reply's kind). */
  'unexpected-answer': { readonly answer: string };
  /** A top-up needs the security module, and none is configured (OPENAMI_ESAM_KEY). */
  'no-security-module': Record<string, never>;
  /** The meter is on no bus the collector drives. */
  'meter-on-no-bus': Record<string, never>;
  /** A top-up the API could not hand to any collector: the meter is on no terminal port. */
  'meter-on-no-port': Record<string, never>;
  /** A top-up the API could not send: the sale carries no purchase count. */
  'no-purchase-count': Record<string, never>;
  /** Daily freezes past the `kept` days the meter holds (2007 protocol: the last 62). */
  'freeze-too-old': { readonly kept: number; readonly days: readonly string[] };
  /** Days the meter took no daily freeze (it was without power at midnight). */
  'no-freeze': { readonly days: readonly string[] };
  /** A run cut short: the collector stopped before it ended (recorded at the next start). */
  'run-interrupted': Record<string, never>;
  /** A scheduled run not started: the plan's previous run was still going. */
  'run-overlap': Record<string, never>;
  /** A meter that failed in more than one way: each of them. */
  several: { readonly reasons: readonly Reason[] };
  /** Anything else: the error's own (English) message. */
  'internal-error': { readonly message: string };
};

export type ReasonCode = keyof ReasonParamsByCode;

export type Reason = {
  [C in ReasonCode]: { readonly code: C; readonly params: ReasonParamsByCode[C] };
}[ReasonCode];

/** Every reason code, a list the domain keeps (the API's contract and the web's locale files read it). */
export const REASON_CODES = reasonCodeList satisfies readonly ReasonCode[];

// Every code is listed: a code added to ReasonParamsByCode and not to REASON_CODES fails to compile here.
const listed: Exclude<ReasonCode, (typeof REASON_CODES)[number]> extends never ? true : never = true;
void listed;

type PlainCode = {
  [C in ReasonCode]: ReasonParamsByCode[C] extends Record<string, never> ? C : never;
}[ReasonCode];

/** A reason that needs no parameters. */
export function plainReason(code: PlainCode): Reason {
  return { code, params: {} } as Reason;
}

/** Several reasons as one: the same reason once, and `several` when they differ. */
export function combineReasons(reasons: readonly Reason[]): Reason | null {
  const unique = new Map<string, Reason>();
  for (const reason of reasons) {
    const parts = reason.code === 'several' ? reason.params.reasons : [reason];
    for (const part of parts) unique.set(JSON.stringify(part), part);
  }
  const distinct = [...unique.values()];
  if (distinct.length === 0) return null;
  if (distinct.length === 1) return distinct[0] as Reason;
  // A row's reasons are few in practice (one per item at most); a bound keeps a broken meter's row small.
  return { code: 'several', params: { reasons: distinct.slice(0, MAX_SEVERAL) } };
}

const MAX_SEVERAL = 12;

/** Why an error happened: an exchange's own reason, or the error's message. */
export function reasonOfError(error: unknown): Reason {
  if (typeof error === 'object' && error !== null && 'why' in error && isReason(error.why)) return error.why;
  return {
    code: 'internal-error',
    params: { message: error instanceof Error ? error.message : String(error) },
  };
}

export function isReason(value: unknown): value is Reason {
  return (
    typeof value === 'object' &&
    value !== null &&
    (REASON_CODES as readonly unknown[]).includes((value as { code?: unknown }).code) &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}

/** A reason as the store keeps it, beside the English text: the code and its parameters. */
export function reasonColumns(why: Reason | null): {
  reasonCode: ReasonCode | null;
  reasonParams: Reason['params'] | null;
} {
  return why === null
    ? { reasonCode: null, reasonParams: null }
    : { reasonCode: why.code, reasonParams: why.params };
}

/** What a finished run says about itself, by plan kind: its counts. */
export type RunSummaryParamsByCode = {
  'read-summary': {
    readonly meters: number;
    readonly complete: number;
    readonly partial: number;
    readonly unreachable: number;
  };
  'time-sync-summary': { readonly buses: number };
  'clock-summary': { readonly meters: number; readonly flagged: number; readonly thresholdMinutes: number };
  'daily-frozen-summary': {
    readonly stored: number;
    readonly meters: number;
    readonly lost: number;
    readonly failed: number;
  };
};

export type RunSummary = {
  [C in keyof RunSummaryParamsByCode]: { readonly code: C; readonly params: RunSummaryParamsByCode[C] };
}[keyof RunSummaryParamsByCode];

/** Every run summary code, a list the domain keeps (the API's contract and the web's locale files read it). */
export const RUN_SUMMARY_CODES = runSummaryCodeList satisfies readonly (keyof RunSummaryParamsByCode)[];

const summariesListed: Exclude<keyof RunSummaryParamsByCode, (typeof RUN_SUMMARY_CODES)[number]> extends never
  ? true
  : never = true;
void summariesListed;

import { type ReasonCode, reasonCodes, runSummaryCodes } from '@openami/contract';
import type { TFunction } from 'i18next';

/** Anything that can fail, as the API sends it: the English text, and the code with its parameters. */
export interface CodedReason {
  readonly reason: string | null;
  readonly reasonCode?: string | null;
  readonly reasonParams?: Readonly<Record<string, unknown>> | null;
}

/** Parameters that hold names of their own, worded from the locale files (the key prefix each uses). */
const NAMED: Readonly<Record<string, string>> = {
  errors: 'reasons.meterErrors',
  // A data identifier: its name where the locale files have one (the item groups' identifiers).
  item: 'dataItems',
  refusals: 'reasons.securityErrors',
  problem: 'reasons.frameProblems',
  request: 'reasons.requests',
  step: 'reasons.steps',
};

function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && (reasonCodes as readonly string[]).includes(code);
}

function codedText(t: TFunction, code: ReasonCode, params: Readonly<Record<string, unknown>>): string {
  const separator = t('reasons.separator');
  if (code === 'several') {
    const parts = Array.isArray(params.reasons) ? (params.reasons as unknown[]) : [];
    return parts
      .map((part) => {
        const { code: inner, params: innerParams } = (part ?? {}) as { code?: unknown; params?: unknown };
        return isReasonCode(inner) && inner !== 'several'
          ? codedText(t, inner, (innerParams ?? {}) as Record<string, unknown>)
          : '';
      })
      .filter((text) => text !== '')
      .join(t('reasons.severalSeparator'));
  }
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const prefix = NAMED[name];
    const words = (item: unknown) =>
      prefix === undefined ? String(item) : t(`${prefix}.${String(item)}`, { defaultValue: String(item) });
    if (Array.isArray(value))
      values[name] = value.length === 0 ? t('reasons.noneGiven') : value.map(words).join(separator);
    else values[name] = typeof value === 'number' ? value : words(value);
  }
  return t(`reasons.codes.${code}`, values);
}

/**
 * Why the head-end failed, in the user's language: the reason code worded from the locale files, or the
 * text the head-end stored when there is no code it knows (rows from before reason codes, a newer server).
 */
export function reasonText(t: TFunction, reason: CodedReason): string {
  const { reasonCode, reasonParams } = reason;
  const coded = isReasonCode(reasonCode) ? codedText(t, reasonCode, reasonParams ?? {}) : '';
  return coded !== '' ? coded : (reason.reason ?? '');
}

/**
 * What a run says about itself in the user's language: its counts, or why it failed, was skipped or was
 * interrupted; the stored text for a run recorded before detail codes.
 */
export function runDetailText(
  t: TFunction,
  run: {
    readonly detail: string | null;
    readonly detailCode?: string | null;
    readonly detailParams?: Readonly<Record<string, unknown>> | null;
  },
): string {
  const code = run.detailCode;
  if (typeof code === 'string' && (runSummaryCodes as readonly string[]).includes(code))
    return t(`reasons.runSummaries.${code}`, { ...(run.detailParams ?? {}) });
  return reasonText(t, {
    reason: run.detail,
    reasonCode: code ?? null,
    reasonParams: run.detailParams ?? null,
  });
}

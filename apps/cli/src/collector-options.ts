import type { CollectorSettings } from '@openami/config';
import { type CollectorOptions, SoftSecurityModule } from '@openami/headend';

/** The collector's options from its settings, with the security module made from the configured key. */
export function collectorOptions(
  settings: CollectorSettings,
): Pick<
  CollectorOptions,
  'timeZone' | 'credentials' | 'dialInPort' | 'dialIn' | 'operatorCode' | 'security' | 'spool'
> {
  const { esamKey, ...options } = settings;
  return { ...options, ...(esamKey === undefined ? {} : { security: new SoftSecurityModule(esamKey) }) };
}

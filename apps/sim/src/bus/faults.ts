// Faults a test or an operator injects into the field, at a terminal, one of its ports or one meter. Settings
// at the three levels combine: flags if any level sets them, rates as independent chances, delays add up.

export interface FaultSettings {
  /** The meter does not answer at all (a dead meter, or a broken A/B wire to it). */
  readonly dead?: boolean;
  /** Added to the response delay: a slow meter. */
  readonly extraDelayMs?: number;
  /** Chance that a reply is lost on the way. */
  readonly dropRate?: number;
  /** Chance that a reply arrives with a corrupted byte. */
  readonly corruptRate?: number;
  /** The terminal (or port) accepts TCP connections but never puts anything on the bus. */
  readonly silent?: boolean;
  /** Chance that the terminal resets the TCP connection when a request arrives. */
  readonly disconnectRate?: number;
  /** The port's serial side runs at this rate instead of the configured one (a misconfigured terminal). */
  readonly baud?: number;
}

export interface EffectiveFaults {
  readonly dead: boolean;
  readonly extraDelayMs: number;
  readonly dropRate: number;
  readonly corruptRate: number;
  readonly silent: boolean;
  readonly disconnectRate: number;
  readonly baud: number | undefined;
}

export const NO_FAULTS: EffectiveFaults = {
  dead: false,
  extraDelayMs: 0,
  dropRate: 0,
  corruptRate: 0,
  silent: false,
  disconnectRate: 0,
  baud: undefined,
};

const either = (a: number, b: number | undefined) => 1 - (1 - a) * (1 - (b ?? 0));

export function combineFaults(levels: readonly (FaultSettings | undefined)[]): EffectiveFaults {
  let result = NO_FAULTS;
  for (const level of levels) {
    if (level === undefined) continue;
    result = {
      dead: result.dead || level.dead === true,
      extraDelayMs: result.extraDelayMs + (level.extraDelayMs ?? 0),
      dropRate: either(result.dropRate, level.dropRate),
      corruptRate: either(result.corruptRate, level.corruptRate),
      silent: result.silent || level.silent === true,
      disconnectRate: either(result.disconnectRate, level.disconnectRate),
      baud: level.baud ?? result.baud,
    };
  }
  return result;
}

const RATE_KEYS = ['dropRate', 'corruptRate', 'disconnectRate'] as const;

/** Checks settings from a description or the control API; returns the problems found. */
export function faultProblems(settings: FaultSettings): string[] {
  const problems: string[] = [];
  for (const key of RATE_KEYS) {
    const rate = settings[key];
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) problems.push(`${key} must be between 0 and 1`);
  }
  if (settings.extraDelayMs !== undefined && !(settings.extraDelayMs >= 0))
    problems.push('extraDelayMs must be 0 or more');
  if (settings.baud !== undefined && !(settings.baud > 0)) problems.push('baud must be positive');
  return problems;
}

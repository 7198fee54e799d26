export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/**
 * Delay before reconnection attempt `attempt` (0 = the first): exponential, capped, and "equal jitter"
 * (half fixed, half random) so that a hundred terminals cut off by one switch do not all dial back at once.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

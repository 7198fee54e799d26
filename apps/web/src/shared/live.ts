/**
 * How often a page that shows what changes by itself (the dashboard, collection runs, a meter's latest
 * values) asks again. TanStack Query stops interval refetches while the tab is hidden (its focus manager
 * follows `visibilitychange`) and refetches a stale query when the tab is shown again.
 */
export const liveRefreshMs = 15_000;

/** While a run is going the page looks more often, so its end and success rate show within seconds. */
export const busyRefreshMs = 3_000;

/** The query options of a live view: polled while visible, refreshed on coming back. */
export const liveQuery = {
  refetchInterval: liveRefreshMs,
  refetchIntervalInBackground: false,
  refetchOnWindowFocus: true,
} as const;

/** The interval for a list of runs: fast while any of them is still running. */
export function runsRefreshMs(runs: readonly { readonly status: string }[] | undefined): number {
  return runs?.some((run) => run.status === 'running') === true ? busyRefreshMs : liveRefreshMs;
}

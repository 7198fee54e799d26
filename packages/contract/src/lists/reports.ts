// Reports' closed lists: how energy is cut in time and grouped, line-loss periods, and the formats a report
// comes in.

/** Energy per hour, day, month or year. */
export const granularities = ['hour', 'day', 'month', 'year'] as const;
export type Granularity = (typeof granularities)[number];

/** Energy per area or per meter. */
export const groupings = ['area', 'meter'] as const;
export type Grouping = (typeof groupings)[number];

/** Line loss per day or per month. */
export const lossPeriods = ['day', 'month'] as const;
export type LossPeriod = (typeof lossPeriods)[number];

/** json: the figures; xlsx or csv: one sheet, headers in the requester's language. */
export const reportFormats = ['json', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * Where a report's period stands when the report is made: over (its figures are final), running (today, this
 * month: its figures will still grow) or ahead (not begun).
 */
export const periodStatuses = ['over', 'running', 'ahead'] as const;
export type PeriodStatus = (typeof periodStatuses)[number];

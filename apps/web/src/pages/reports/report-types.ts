// The report API's shapes as the web reads them (GET /api/reports/*, /api/vending/reports/sales).
import { basisPointsToPercent, whToKwh } from '../../shared/units.ts';

export const granularities = ['hour', 'day', 'month', 'year'] as const;
export type Granularity = (typeof granularities)[number];
export type Grouping = 'area' | 'meter';
export type LossPeriod = 'day' | 'month';

export interface EnergyRow {
  readonly kind: Grouping;
  readonly id: number;
  readonly name: string;
  readonly areaName: string;
  readonly energyWh: readonly (number | null)[];
  readonly metersRead: readonly number[];
  readonly meters: number;
  readonly totalWh: number;
}

export interface EnergyReport {
  readonly granularity: Granularity;
  readonly groupBy: Grouping;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly rows: readonly EnergyRow[];
  readonly totalWh: readonly number[];
}

export interface MeterRef {
  readonly id: number;
  readonly commAddress: string;
  readonly factoryNo: string;
  readonly areaName: string;
}

interface LossFigures {
  readonly period: string;
  readonly level: number;
  readonly parentWh: number | null;
  readonly childrenWh: number;
  readonly childrenRead: number;
  readonly lossWh: number | null;
  readonly lossBasisPoints: number | null;
  readonly complete: boolean;
}

export interface LineLossRow extends LossFigures {
  readonly parent: MeterRef;
  readonly children: number;
  readonly childrenNotRead: readonly MeterRef[];
}

export interface LevelTotal extends LossFigures {
  readonly parents: number;
  readonly childrenNotRead: number;
}

export interface LineLossReport {
  readonly period: LossPeriod;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly rows: readonly LineLossRow[];
  readonly levels: readonly LevelTotal[];
}

export interface SalesGroup {
  readonly key?: string;
  readonly name?: string;
  readonly kind: string;
  readonly entries: number;
  readonly amountFen: number;
  readonly energyWh: number;
}

export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly byCashier: readonly SalesGroup[];
  readonly byArea: readonly SalesGroup[];
  readonly totals: readonly SalesGroup[];
}

/** A report's energy cell: kWh with three decimals, so a column lines up; empty where nothing was read. */
export function kwh(wh: number | null): string {
  return wh === null ? '' : whToKwh(wh, { minDecimals: 3 });
}

/** A report's percentage cell, from basis points: 315 is `3.15`; empty where there is nothing to compare. */
export function percent(bp: number | null): string {
  return bp === null ? '' : basisPointsToPercent(bp);
}

/** A local calendar day as the API names it (YYYY-MM-DD). */
export function localDay(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

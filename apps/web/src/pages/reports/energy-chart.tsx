import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface EnergySeries {
  readonly name: string;
  /** kWh per period; null where nothing was read. */
  readonly values: readonly (number | null)[];
}

/**
 * Energy per period: stacked bars for a few rows, lines when the periods are many (hours). A period not over
 * (`unfinished`) is drawn faded, its axis label marked by the caller, so a day half read does not look like a
 * day of little use.
 */
export default function EnergyChart({
  periods,
  unfinished,
  series,
  unit,
}: {
  periods: readonly string[];
  unfinished: readonly boolean[];
  series: readonly EnergySeries[];
  unit: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const option = useMemo<EChartsCoreOption>(() => {
    const lines = periods.length > 62;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: [...periods] },
      yAxis: { type: 'value', name: unit },
      series: series.map((s) => ({
        type: lines ? 'line' : 'bar',
        name: s.name,
        data: s.values.map((value, i) =>
          unfinished[i] === true ? { value, itemStyle: { opacity: 0.4 } } : value,
        ),
        ...(lines ? { showSymbol: false } : { stack: 'energy' }),
      })),
    };
  }, [periods, unfinished, series, unit]);
  useEffect(() => {
    if (element.current === null) return;
    const chart = echarts.init(element.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={element} style={{ height: 300 }} data-testid="energy-chart" />;
}

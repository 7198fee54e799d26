import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

echarts.use([
  LineChart,
  BarChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export interface TimeSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

function useChart(option: EChartsCoreOption, testId: string, height: number) {
  const element = useRef<HTMLDivElement>(null);
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
  return <div ref={element} style={{ height }} data-testid={testId} />;
}

/**
 * Curves over time on one axis with its unit; `flagged` points (readings validation doubted) are drawn as
 * red marks over the first curve.
 */
export function TimeChart({
  series,
  unit,
  flagged,
  flaggedName,
  testId,
}: {
  series: readonly TimeSeries[];
  unit: string;
  flagged?: readonly (readonly [number, number])[];
  flaggedName?: string;
  testId: string;
}) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 56 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: unit, scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: [
        ...series.map((s) => ({
          type: 'line',
          name: s.name,
          // A few readings show as points; many as a line.
          showSymbol: s.points.length < 50,
          data: s.points,
        })),
        ...(flagged === undefined || flagged.length === 0
          ? []
          : [
              {
                type: 'scatter',
                name: flaggedName,
                data: flagged,
                symbolSize: 10,
                itemStyle: { color: '#cf1322' },
              },
            ]),
      ],
    }),
    [series, unit, flagged, flaggedName],
  );
  return useChart(option, testId, 260);
}

/** Energy per day as bars. */
export function DayBars({
  days,
  name,
  unit,
  testId,
}: {
  days: readonly { day: string; value: number }[];
  name: string;
  unit: string;
  testId: string;
}) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', name: unit },
      series: [{ type: 'bar', name, data: days.map((d) => d.value), itemStyle: { color: '#1668dc' } }],
    }),
    [days, name, unit],
  );
  return useChart(option, testId, 240);
}

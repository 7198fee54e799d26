import type { DailyUse } from '@openami/contract';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The daily use as bars, kWh; in its own chunk, so the sign-in page loads without ECharts. */
export default function UsageChart({ days, unit }: { days: readonly DailyUse[]; unit: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (element.current === null) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 40, right: 8, top: 16, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', name: unit },
      series: [{ type: 'bar', data: days.map((d) => d.energyWh / 1000), itemStyle: { color: '#1668dc' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, unit]);
  return <div ref={element} style={{ height: 200, width: '100%' }} data-testid="resident-usage-chart" />;
}

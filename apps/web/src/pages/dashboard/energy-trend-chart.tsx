import { Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Daily energy as bars (kWh, from integer Wh); only the parts of ECharts it needs are bundled. */
export default function EnergyTrendChart({
  days,
  energyWh,
  unit,
  emptyText,
}: {
  days: readonly string[];
  energyWh: readonly number[];
  unit: string;
  emptyText: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const empty = energyWh.every((wh) => wh === 0);
  useEffect(() => {
    if (element.current === null || empty) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: days.map((day) => day.slice(5)) },
      yAxis: { type: 'value', name: unit },
      series: [{ type: 'bar', data: energyWh.map((wh) => Math.round(wh / 10) / 100) }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, energyWh, unit, empty]);
  if (empty) return <Empty description={emptyText} />;
  return <div ref={element} style={{ height: 240 }} data-testid="energy-trend-chart" />;
}

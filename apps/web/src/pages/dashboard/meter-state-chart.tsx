import { Empty } from 'antd';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([PieChart, TooltipComponent, LegendComponent, CanvasRenderer]);

/** A ring of meters by state; only the parts of ECharts it needs are bundled. */
export default function MeterStateChart({
  slices,
  emptyText,
}: {
  slices: readonly { name: string; value: number }[];
  emptyText: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const empty = slices.every((s) => s.value === 0);
  useEffect(() => {
    if (element.current === null || empty) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: slices.filter((s) => s.value > 0).map((s) => ({ ...s })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [slices, empty]);
  if (empty) return <Empty description={emptyText} />;
  return <div ref={element} style={{ height: 280 }} data-testid="meter-state-chart" />;
}

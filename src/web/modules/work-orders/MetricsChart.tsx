import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { MetricsResponse } from './types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Received / closed per month (bars) and the on-time rate (line, right axis). */
export function MetricsChart({ byMonth, height = 340 }: { byMonth: MetricsResponse['byMonth']; height?: number }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: byMonth.map((m) => m.month) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          { name: t('metrics.received'), type: 'bar', barMaxWidth: 22, itemStyle: { color: '#2980b9' }, data: byMonth.map((m) => m.received) },
          { name: t('metrics.closed'), type: 'bar', barMaxWidth: 22, itemStyle: { color: '#27ae60' }, data: byMonth.map((m) => m.closed) },
          {
            name: t('metrics.onTimeRate'),
            type: 'line',
            yAxisIndex: 1,
            smooth: true,
            itemStyle: { color: '#c0392b' },
            tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : String(v)) },
            data: byMonth.map((m) => Math.round(m.onTimeRate * 1000) / 10),
          },
        ],
      },
      { notMerge: true },
    );
  }, [byMonth, t]);

  return <div ref={el} data-testid="metrics-chart" style={{ width: '100%', height }} />;
}

import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../lib/useEChart';
import type { MetricsResponse } from '../../../shared/work-orders.schema';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Months from the first to the last reported one, with gaps (months without orders) filled by zeros. */
export function fillMonths(byMonth: MetricsResponse['byMonth']): MetricsResponse['byMonth'] {
  if (byMonth.length === 0) return byMonth;
  const sorted = [...byMonth].sort((a, b) => a.month.localeCompare(b.month));
  const have = new Map(sorted.map((m) => [m.month, m]));
  // Month index = year * 12 + (month - 1).
  const index = (s: string) => {
    const [y, m] = s.split('-').map(Number);
    return (y ?? 0) * 12 + ((m ?? 1) - 1);
  };
  const from = index(sorted[0]?.month ?? '');
  const to = Math.min(index(sorted[sorted.length - 1]?.month ?? ''), from + 240);
  const out: MetricsResponse['byMonth'] = [];
  for (let i = from; i <= to; i++) {
    const key = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    out.push(have.get(key) ?? { month: key, received: 0, closed: 0, onTimeRate: Number.NaN });
  }
  return out;
}

/** Received / closed per month (bars) and the on-time rate (line, right axis). */
export function MetricsChart({ byMonth, height = 340 }: { byMonth: MetricsResponse['byMonth']; height?: number }) {
  const { t } = useTranslation();
  const el = useEChart(
    useMemo(() => {
      const months = fillMonths(byMonth);
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: months.map((m) => m.month) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('metrics.received'),
            type: 'bar',
            barMaxWidth: 22,
            itemStyle: { color: '#2980b9' },
            data: months.map((m) => m.received),
          },
          {
            name: t('metrics.closed'),
            type: 'bar',
            barMaxWidth: 22,
            itemStyle: { color: '#27ae60' },
            data: months.map((m) => m.closed),
          },
          {
            name: t('metrics.onTimeRate'),
            type: 'line',
            yAxisIndex: 1,
            smooth: true,
            itemStyle: { color: '#c0392b' },
            tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : String(v)) },
            connectNulls: true,
            data: months.map((m) => (Number.isNaN(m.onTimeRate) ? null : Math.round(m.onTimeRate * 1000) / 10)),
          },
        ],
      };
    }, [byMonth, t]),
  );

  return <div ref={el} data-testid="metrics-chart" style={{ width: '100%', height }} />;
}

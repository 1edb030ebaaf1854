import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../lib/useEChart';
import type { Summary } from './volunteers.api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** Average monthly service hours per in-service party member (line) and members reporting (bars), with the 20 h mark. */
export function HoursTrendChart({ trend, height = 300 }: { trend: Summary['trend']; height?: number }) {
  const { t } = useTranslation();
  const el = useEChart(
    useMemo(
      () => ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: trend.map((m) => m.month) },
        yAxis: [
          { type: 'value', name: t('volunteers.hoursUnit') },
          { type: 'value', name: t('volunteers.membersUnit') },
        ],
        series: [
          {
            name: t('volunteers.members'),
            type: 'bar',
            yAxisIndex: 1,
            data: trend.map((m) => m.members),
            itemStyle: { color: '#f3c7c0' },
          },
          {
            name: t('volunteers.avgHours'),
            type: 'line',
            data: trend.map((m) => m.avgHours),
            itemStyle: { color: '#c0392b' },
            markLine: {
              symbol: 'none',
              data: [{ yAxis: 20, name: '20 h' }],
              lineStyle: { type: 'dashed', color: '#999' },
            },
          },
        ],
      }),
      [trend, t],
    ),
  );

  return <div ref={el} style={{ width: '100%', height }} data-testid="hours-trend-chart" />;
}

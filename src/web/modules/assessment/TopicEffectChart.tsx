import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../lib/useEChart';
import type { TopicEffect } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The topic's category per month: pilot compounds against the others, the start month marked. */
export function TopicEffectChart({ effect, startMonth }: { effect: TopicEffect; startMonth: string }) {
  const { t } = useTranslation();
  const el = useEChart(
    useMemo(
      () => ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: effect.months.map((m) => m.month) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('topics.pilotSeries'),
            type: 'bar',
            barMaxWidth: 20,
            itemStyle: { color: '#c0392b' },
            data: effect.months.map((m) => m.pilot),
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#888' },
              data: [{ xAxis: startMonth }],
            },
          },
          {
            name: t('topics.othersSeries'),
            type: 'bar',
            barMaxWidth: 20,
            itemStyle: { color: '#7f8c8d' },
            data: effect.months.map((m) => m.others),
          },
        ],
      }),
      [effect, startMonth, t],
    ),
  );
  return <div ref={el} data-testid="topic-effect-chart" style={{ width: '100%', height: 260 }} />;
}

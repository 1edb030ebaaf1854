import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { CoverageRow } from '../../lib/types';
import { useEChart } from '../../lib/useEChart';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

interface Props {
  rows: CoverageRow[];
  onSelect?: (row: CoverageRow) => void;
  height?: number;
}

/** Grouped bar chart of the four coverage ratios for each child unit. */
export function CoverageChart({ rows, onSelect, height = 360 }: Props) {
  const { t } = useTranslation();
  const el = useEChart(
    useMemo(() => {
      const series: { key: keyof CoverageRow; label: string; color: string }[] = [
        { key: 'branchCoverage', label: t('dashboard.branchCoverage'), color: '#c0392b' },
        { key: 'secretaryCoverage', label: t('dashboard.secretaryCoverage'), color: '#e67e22' },
        { key: 'stationCoverage', label: t('dashboard.stationCoverage'), color: '#2980b9' },
        { key: 'ownersCommitteeCoverage', label: t('dashboard.ownersCommitteeCoverage'), color: '#27ae60' },
      ];
      const many = rows.length > 12;
      return {
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : String(v)),
        },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: many ? 80 : 48 },
        xAxis: {
          type: 'category',
          data: rows.map((r) => r.name),
          axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
        },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        dataZoom: many ? [{ type: 'slider', start: 0, end: Math.min(100, (12 / rows.length) * 100), bottom: 8 }] : [],
        series: series.map((s) => ({
          name: s.label,
          type: 'bar',
          itemStyle: { color: s.color },
          barMaxWidth: 18,
          data: rows.map((r) => Math.round(Number(r[s.key]) * 1000) / 10),
        })),
      };
    }, [rows, t]),
    (i) => {
      const row = rows[i];
      if (row) onSelect?.(row);
    },
  );

  return <div ref={el} data-testid="coverage-chart" style={{ width: '100%', height }} />;
}

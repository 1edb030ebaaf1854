import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { CoverageRow } from '../../lib/types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

interface Props {
  rows: CoverageRow[];
  onSelect?: (row: CoverageRow) => void;
  height?: number;
}

/** Grouped bar chart of the four coverage ratios for each child unit. */
export function CoverageChart({ rows, onSelect, height = 360 }: Props) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => {
      const row = rowsRef.current[p.dataIndex];
      if (row) onSelectRef.current?.(row);
    });
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
    const series: { key: keyof CoverageRow; label: string; color: string }[] = [
      { key: 'branchCoverage', label: t('dashboard.branchCoverage'), color: '#c0392b' },
      { key: 'secretaryCoverage', label: t('dashboard.secretaryCoverage'), color: '#e67e22' },
      { key: 'stationCoverage', label: t('dashboard.stationCoverage'), color: '#2980b9' },
      { key: 'ownersCommitteeCoverage', label: t('dashboard.ownersCommitteeCoverage'), color: '#27ae60' },
    ];
    const many = rows.length > 12;
    c.setOption(
      {
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
      },
      { notMerge: true },
    );
  }, [rows, t]);

  return <div ref={el} data-testid="coverage-chart" style={{ width: '100%', height }} />;
}

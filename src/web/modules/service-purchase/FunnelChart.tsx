import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart as EFunnel } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../lib/useEChart';
import type { Funnel } from './types';

echarts.use([EFunnel, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** received → screened → shortlisted → contracted. */
export function FunnelChart({ funnel, height = 300 }: { funnel: Funnel; height?: number }) {
  const { t } = useTranslation();
  const data = useMemo(
    () => [
      { name: t('purchase.funnel.received'), value: funnel.received },
      { name: t('purchase.funnel.screened'), value: funnel.screened },
      { name: t('purchase.funnel.shortlisted'), value: funnel.shortlisted },
      { name: t('purchase.funnel.contracted'), value: funnel.contracted },
    ],
    [funnel, t],
  );
  const el = useEChart(
    useMemo(
      () => ({
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        color: ['#2980b9', '#16a085', '#f39c12', '#c0392b'],
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            top: 10,
            bottom: 10,
            minSize: '20%',
            label: { show: true, position: 'inside', formatter: '{b}  {c}' },
            data,
          },
        ],
      }),
      [data],
    ),
  );
  return (
    <div
      ref={el}
      data-testid="purchase-funnel"
      data-values={data.map((d) => d.value).join(',')}
      style={{ width: '100%', height }}
    />
  );
}

/** Contracts per signatory street / township. */
export function BuyerChart({ funnel, height = 300 }: { funnel: Funnel; height?: number }) {
  const { t } = useTranslation();
  const el = useEChart(
    useMemo(() => {
      const rows = [...funnel.byBuyer].reverse();
      return {
        tooltip: { trigger: 'axis' },
        grid: { left: 110, right: 24, top: 10, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: rows.map((b) => b.buyerName) },
        series: [
          {
            name: t('purchase.funnel.contracted'),
            type: 'bar',
            barMaxWidth: 16,
            itemStyle: { color: '#c0392b' },
            data: rows.map((b) => b.contracts),
          },
        ],
      };
    }, [funnel.byBuyer, t]),
  );
  return <div ref={el} data-testid="purchase-buyers" style={{ width: '100%', height }} />;
}

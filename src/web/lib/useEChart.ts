import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';

/**
 * One ECharts instance bound to a div: created on mount, resized with its container, disposed on
 * unmount, and given `option` (replacing the previous one) whenever it changes. Callers register the
 * chart types and components they use with `echarts.use` and memoise `option`.
 */
export function useEChart(
  option: echarts.EChartsCoreOption,
  onClick?: (dataIndex: number) => void,
): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => onClickRef.current?.(p.dataIndex));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return el;
}

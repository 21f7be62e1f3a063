// The report's chart, drawn by ECharts. Loaded lazily (React.lazy) so the chart library is fetched only by users
// who open a report with a chart.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { CHART_HEIGHT, type ReportChartSpec, type ReportColumn } from './report-types';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, SVGRenderer]);

// Twelve distinguishable colours (ECharts' default has nine, so a tenth series would repeat the first).
const PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#8c564b',
  '#17becf',
  '#7f7f7f',
];

interface Props {
  spec: ReportChartSpec;
  columns: ReportColumn[];
  rows: Record<string, unknown>[];
  label: (c: ReportColumn) => string;
  title: string;
}

/** ECharts option for a spec; plugin text goes in as data, which ECharts renders as text, never as HTML. */
export function chartOption({ spec, columns, rows, label, title }: Props): echarts.EChartsCoreOption {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const categories = rows.map((r) => String(r[spec.category] ?? ''));
  const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? null : Number(v));
  const base = {
    color: PALETTE,
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: spec.type === 'pie' ? 'item' : 'axis' },
  };
  if (spec.type === 'pie') {
    const col = byId.get(spec.series[0])!;
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      series: [
        { type: 'pie', name: label(col), radius: '60%', data: rows.map((r, i) => ({ name: categories[i], value: num(r[col.id]) })) },
      ],
    };
  }
  return {
    ...base,
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 24, top: 48, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: spec.series.map((id) => ({
      type: spec.type === 'line' ? 'line' : 'bar',
      name: label(byId.get(id)!),
      stack: spec.type === 'stacked' ? 'total' : undefined,
      data: rows.map((r) => num(r[id])),
    })),
  };
}

export default function ReportChart(props: Props) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.setOption(chartOption(props));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [props]);
  return <div ref={el} role="img" aria-label={props.title} data-testid="report-chart" style={{ width: '100%', height: CHART_HEIGHT }} />;
}

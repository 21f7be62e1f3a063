// What the report API returns (GET /api/plugins/:plugin/reports[/:report]), from the generated client's types, and how
// a cell is shown.
import type { LocalText, Locale } from '../../i18n';
import type { ReportDescriptionView, ReportResultView } from '../../api-types';

export interface ReportParameter {
  name: string;
  title: LocalText;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  default?: string | number | boolean;
  required?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: (string | number)[];
}

/** As the server declares it; the parameters and chart a plugin writes are read with the app's own types. */
export type ReportDescription = Omit<ReportDescriptionView, 'parameters' | 'chart'> & {
  parameters: ReportParameter[];
  chart: ReportChartSpec | null;
};

export interface ReportChartSpec {
  type: 'bar' | 'line' | 'pie' | 'stacked';
  title?: LocalText;
  category: string;
  series: string[];
}

export type ReportColumn = ReportResultView['columns'][number];

/** The chart's height in px, and its placeholder's while ECharts loads: the table under it must not move. */
export const CHART_HEIGHT = 360;

export type ReportResult = Omit<ReportResultView, 'chart'> & { chart?: ReportChartSpec };

/** A cell as text, by the column's declared format; numbers use the locale's grouping. */
export function formatCell(value: unknown, col: Pick<ReportColumn, 'format' | 'decimals'>, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  const nf = (min: number, max: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
  switch (col.format) {
    case 'integer':
      return typeof value === 'number' ? nf(0, 0).format(value) : String(value);
    case 'number':
      return typeof value === 'number' ? nf(col.decimals ?? 0, col.decimals ?? 2).format(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? `${nf(col.decimals ?? 1, col.decimals ?? 1).format(value * 100)}%` : String(value);
    case 'boolean':
      return value === true ? (locale === 'en' ? 'Yes' : '是') : value === false ? (locale === 'en' ? 'No' : '否') : String(value);
    case 'datetime':
      return typeof value === 'string' ? new Date(value).toLocaleString(locale) : String(value);
    case 'list':
      return Array.isArray(value) ? value.map(String).join(locale === 'en' ? '; ' : '、') : String(value);
    default:
      if (typeof value === 'object') return Array.isArray(value) ? value.map(String).join('、') : JSON.stringify(value);
      return String(value);
  }
}

export const isNumeric = (format: string) => format === 'integer' || format === 'number' || format === 'percent';

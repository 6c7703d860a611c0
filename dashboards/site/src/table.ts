/** Sortable table with CSV download. */
import type { Lang, MetricFormat } from '../../definitions/types.ts';
import { h } from './dom.ts';
import { formatValue, sortableValue } from './format.ts';
import { TEXT, t } from './i18n.ts';

/** One column of a {@link dataTable}. */
export interface Column<R> {
  key: string;
  title: string;
  format?: MetricFormat;
  value: (row: R) => number | string | null;
  /** Renders the cell (default: the formatted value). */
  cell?: (row: R) => Node | string;
}

/** Options of {@link dataTable}. */
export interface TableOptions<R> {
  id: string;
  lang: Lang;
  columns: Column<R>[];
  rows: R[];
  /** A leading row that is not sorted (totals). */
  total?: R;
  /** `column:asc|desc` */
  sort?: string;
  onSort: (sort: string) => void;
}

function sortRows<R>(rows: R[], columns: Column<R>[], sort: string | undefined): R[] {
  const [key, direction] = (sort ?? '').split(':');
  const column = columns.find((c) => c.key === key);
  if (column === undefined) return rows;
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = column.value(a);
    const vb = column.value(b);
    if (column.format === undefined) return sign * String(va ?? '').localeCompare(String(vb ?? ''), 'zh-CN');
    return sign * (sortableValue(va) - sortableValue(vb));
  });
}

/**
 * Renders a table whose headers sort it (click again to reverse).
 *
 * @example
 * dataTable({ id: 'areas', lang: 'zh', columns, rows, sort: 'service_hours:desc', onSort });
 */
export function dataTable<R>(options: TableOptions<R>): HTMLElement {
  const { columns, lang } = options;
  const [sortKey, sortDirection] = (options.sort ?? '').split(':');
  const head = h(
    'tr',
    {},
    ...columns.map((column) => {
      const active = column.key === sortKey;
      const th = h(
        'th',
        {
          'data-column': column.key,
          'aria-sort': active ? (sortDirection === 'asc' ? 'ascending' : 'descending') : undefined,
          scope: 'col',
        },
        column.title,
      );
      th.addEventListener('click', () => options.onSort(`${column.key}:${active && sortDirection === 'desc' ? 'asc' : 'desc'}`));
      return th;
    }),
  );
  const renderRow = (row: R, className?: string) =>
    h(
      'tr',
      { class: className },
      ...columns.map((column) =>
        h('td', {}, column.cell ? column.cell(row) : formatValue(column.value(row), column.format ?? 'integer', lang)),
      ),
    );
  const body = h(
    'tbody',
    {},
    options.total === undefined ? null : renderRow(options.total, 'total'),
    ...sortRows(options.rows, columns, options.sort).map((row) => renderRow(row)),
  );
  return h('div', { class: 'table-wrap' }, h('table', { id: `table-${options.id}` }, h('thead', {}, head), body));
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV text (with a BOM so Excel opens Chinese correctly) of the rows, raw values, localised headers.
 *
 * @example
 * toCsv(columns, rows); // '\uFEFF区域,活跃义工\r\n福田区,<5\r\n'
 */
export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const lines = [columns.map((c) => csvCell(c.title)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A "download CSV" button for a table. */
export function csvButton<R>(lang: Lang, fileName: string, columns: Column<R>[], rows: () => R[]): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'csv', 'data-download': fileName }, t(TEXT.downloadCsv, lang));
  button.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([toCsv(columns, rows())], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

/**
 * Writes a report's four files into the reports store under `{contract_id}/{period}/`:
 * `report.html`, `report.xlsx`, `report.json` and, where Chromium is present, `report.pdf`.
 */
import type { BlobStore } from '../../adapters/ports.ts';
import { lastCompleteQuarter, resolveReportPeriod } from './period.ts';
import { renderReportHtml } from './render/report-html.ts';
import { printPdf } from './render/report-pdf.ts';
import { renderReportXlsx } from './render/report-xlsx.ts';
import { buildReportModel, type ReportRequest, type ReportSources } from './report-model.ts';
import { loadReportSql, renderSql } from './report-sql.ts';
import type { ReportModel } from './report-types.ts';

/** What writing a report needs: the model's sources plus the reports store. */
export interface ReportWriterDeps extends ReportSources {
  reports: BlobStore;
  /** Chromium executable for the PDF (default `/usr/bin/chromium`). */
  chromiumPath?: string;
  /** Print the PDF (default true). */
  pdf?: boolean;
  /** Where notes go (PDF skipped, report written); default nowhere. */
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/** The files of one written report. */
export interface WrittenReport {
  contractId: string;
  period: string;
  /** Key prefix in the reports store, `{contract_id}/{period}/`. */
  prefix: string;
  /** Keys written, relative to the reports store. */
  keys: string[];
  /** Why report.pdf was not written, when it was not. */
  pdfSkipped?: string;
  model: ReportModel;
}

/** File names of a report and their content types. */
export const REPORT_FILES = {
  html: { name: 'report.html', type: 'text/html; charset=utf-8' },
  xlsx: { name: 'report.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  json: { name: 'report.json', type: 'application/json' },
  pdf: { name: 'report.pdf', type: 'application/pdf' },
} as const;

/**
 * Key prefix of a report in the reports store.
 *
 * @example
 * reportPrefix('GP-2026-001', '2026-Q3'); // 'GP-2026-001/2026-Q3/'
 */
export function reportPrefix(contractId: string, period: string): string {
  return `${contractId}/${period}/`;
}

/**
 * Builds one report and writes its files (JSON last, so a complete report.json means a complete report).
 *
 * @example
 * const written = await writeReport({ engine, reports }, { contractId: 'GP-2026-001', period: '2026-Q3' });
 * written.keys; // ['GP-2026-001/2026-Q3/report.html', …]
 */
export async function writeReport(deps: ReportWriterDeps, request: ReportRequest): Promise<WrittenReport> {
  const model = await buildReportModel(deps, request);
  const prefix = reportPrefix(model.contract.contract_id, model.period.label);
  const html = renderReportHtml(model);
  const xlsx = await renderReportXlsx(model);
  const keys: string[] = [];
  const put = async (file: (typeof REPORT_FILES)[keyof typeof REPORT_FILES], body: Uint8Array | string) => {
    const key = `${prefix}${file.name}`;
    await deps.reports.put(key, body, file.type);
    keys.push(key);
  };
  await put(REPORT_FILES.html, html);
  await put(REPORT_FILES.xlsx, xlsx);
  let pdfSkipped: string | undefined;
  if (deps.pdf === false) pdfSkipped = 'PDF not requested';
  else {
    const printed = await printPdf(html, { executablePath: deps.chromiumPath });
    if ('pdf' in printed) await put(REPORT_FILES.pdf, printed.pdf);
    else {
      pdfSkipped = printed.skipped;
      deps.log?.(printed.skipped, { contractId: model.contract.contract_id, period: model.period.label });
    }
  }
  await put(REPORT_FILES.json, `${JSON.stringify(model, null, 2)}\n`);
  deps.log?.('report written', { prefix, keys: keys.length });
  return { contractId: model.contract.contract_id, period: model.period.label, prefix, keys, pdfSkipped, model };
}

/**
 * Contract ids whose term overlaps a period label.
 *
 * @example
 * await contractsInPeriod(engine, '2026-Q3'); // ['EP-2026-002', 'GP-2026-001']
 */
export async function contractsInPeriod(engine: ReportSources['engine'], period: string): Promise<string[]> {
  const { from, to } = resolveReportPeriod(period);
  const sql = await loadReportSql('contracts-in-period');
  const rows = await engine.query(renderSql(sql.text, { date_from: from, date_to: to }));
  return rows.map((row) => String(row.contract_id));
}

/**
 * Writes the report of every contract active in the last complete quarter before `today`
 * (what the quarterly schedule and `npm start` run). One contract's failure does not stop the others.
 *
 * @example
 * const { period, written, failed } = await writeReportsForLastQuarter({ engine, reports }, '2026-10-08');
 * period; // '2026-Q3'
 */
export async function writeReportsForLastQuarter(
  deps: ReportWriterDeps,
  today: string,
): Promise<{ period: string; written: WrittenReport[]; failed: { contractId: string; error: string }[] }> {
  const period = lastCompleteQuarter(today);
  const written: WrittenReport[] = [];
  const failed: { contractId: string; error: string }[] = [];
  for (const contractId of await contractsInPeriod(deps.engine, period)) {
    try {
      written.push(await writeReport(deps, { contractId, period }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ contractId, error: message });
      deps.log?.('report failed', { contractId, period, error: message });
    }
  }
  return { period, written, failed };
}

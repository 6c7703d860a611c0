/**
 * `verify-report`: recomputes every figure of a stored report from the lake, with the same
 * builder that made it, and lists the figures that no longer hold.
 */

import { ReportError } from './report-error.ts';
import { buildReportModel, type ReportSources } from './report-model.ts';
import { type FigureValue, REPORT_FORMAT, type ReportModel } from './report-types.ts';

/** A figure whose value differs between the report and the lake today. */
export interface FigureChange {
  id: string;
  /** The value in the report (undefined: the figure is new). */
  reported: FigureValue | undefined;
  /** The value recomputed now (undefined: the figure no longer exists). */
  now: FigureValue | undefined;
}

/** The outcome of a verification. */
export interface VerifyResult {
  contractId: string;
  period: string;
  /** True when every figure holds. */
  holds: boolean;
  /** How many figures were compared. */
  checked: number;
  changed: FigureChange[];
}

/**
 * Parses a stored `report.json`.
 *
 * @example
 * const report = parseReportJson(await readFile('report.json', 'utf8'));
 */
export function parseReportJson(text: string): ReportModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`report.json 不是有效的 JSON / not valid JSON: ${(error as Error).message}`);
  }
  const report = parsed as Partial<ReportModel> | null;
  if (
    report?.format !== REPORT_FORMAT ||
    typeof report.contract?.contract_id !== 'string' ||
    typeof report.period?.label !== 'string' ||
    typeof report.figures !== 'object' ||
    report.figures === null
  )
    throw new ReportError(`不是 ${REPORT_FORMAT} 报告 / not a ${REPORT_FORMAT} report.json`);
  return report as ReportModel;
}

function same(a: FigureValue | undefined, b: FigureValue | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return a === b;
}

/**
 * Rebuilds the report's figures from the lake and compares them one by one.
 *
 * @example
 * const result = await verifyReport({ engine }, parseReportJson(text));
 * result.holds; // false after a correction batch changed the delivered hours
 * result.changed[0]; // { id: 'delivery.service_hours', reported: 120.5, now: 118 }
 */
export async function verifyReport(sources: ReportSources, report: ReportModel): Promise<VerifyResult> {
  const now = await buildReportModel(
    { ...sources, suppressBelow: sources.suppressBelow ?? report.provenance?.suppress_below },
    { contractId: report.contract.contract_id, period: report.period.label },
  );
  const ids = [...new Set([...Object.keys(report.figures), ...Object.keys(now.figures)])].sort();
  const changed: FigureChange[] = [];
  for (const id of ids) {
    const reported = Object.hasOwn(report.figures, id) ? report.figures[id] : undefined;
    const current = Object.hasOwn(now.figures, id) ? now.figures[id] : undefined;
    if (!same(reported, current)) changed.push({ id, reported, now: current });
  }
  return {
    contractId: report.contract.contract_id,
    period: report.period.label,
    holds: changed.length === 0,
    checked: ids.length,
    changed,
  };
}

/**
 * Report function: scheduled after each quarter (EventBridge Scheduler, Asia/Shanghai; event
 * without a contract = every contract of the last complete quarter) and on demand
 * (`{ contractId, period }`). Wiring only: the logic is `pipeline/reports`. In the cloud each
 * report comes back with a presigned link to its PDF (or HTML when no PDF was printed).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig, todayInShanghai } from '../../adapters/config.ts';
import type { BlobStore } from '../../adapters/ports.ts';
import { ReportError } from '../../pipeline/reports/report-error.ts';
import {
  REPORT_FILES,
  type ReportWriterDeps,
  type WrittenReport,
  writeReport,
  writeReportsForLastQuarter,
} from '../../pipeline/reports/write-report.ts';

/** On demand: one contract and period. Scheduled: nothing (or `today` to pin the quarter). */
export interface ReportEvent {
  contractId?: string;
  /** `2026-11`, `2026-Q3`, `2026` or `contract`; default the last complete quarter. */
  period?: string;
  /** `YYYY-MM-DD` counted as today (scheduled runs); default today in Asia/Shanghai. */
  today?: string;
}

/** One written report in the result. */
export interface ReportSummary {
  contractId: string;
  period: string;
  keys: string[];
  pdfSkipped?: string;
  /** Presigned GET link (cloud only). */
  link?: string;
}

export interface ReportResult {
  period: string | undefined;
  reports: ReportSummary[];
  failed: { contractId: string; error: string }[];
}

/** What the handler needs, resolved once per container. */
export interface ReportHandlerDeps {
  writer: ReportWriterDeps;
  /** Today in Asia/Shanghai (or the configured override). */
  today: () => string;
  /** Presigned link to a key of the reports store; omitted locally. */
  link?: (key: string) => Promise<string>;
}

async function summarise(deps: ReportHandlerDeps, report: WrittenReport): Promise<ReportSummary> {
  const file = report.keys.find((k) => k.endsWith(REPORT_FILES.pdf.name)) ?? `${report.prefix}${REPORT_FILES.html.name}`;
  return {
    contractId: report.contractId,
    period: report.period,
    keys: report.keys,
    pdfSkipped: report.pdfSkipped,
    link: deps.link ? await deps.link(file) : undefined,
  };
}

/**
 * Builds the handler over a dependency resolver (cloud: runtime from the environment; tests and
 * the CLI: their own runtime).
 *
 * @example
 * const handle = createReportHandler(async () => ({ writer, today: () => '2026-10-08' }));
 * await handle({ contractId: 'GP-2026-001', period: '2026-Q3' }, context);
 */
export function createReportHandler(
  resolveDeps: () => Promise<ReportHandlerDeps>,
  logger: Logger = new Logger({ serviceName: 'report' }),
) {
  const handle = async (event: ReportEvent): Promise<ReportResult> => {
    const deps = await resolveDeps();
    const writer: ReportWriterDeps = { ...deps.writer, log: (message, details) => logger.info(message, details ?? {}) };
    if (event.contractId) {
      const period = event.period ?? (await import('../../pipeline/reports/period.ts')).lastCompleteQuarter(deps.today());
      try {
        const report = await writeReport(writer, { contractId: event.contractId, period });
        return { period, reports: [await summarise(deps, report)], failed: [] };
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        logger.warn('report refused', { contractId: event.contractId, period, reason: error.message });
        return { period, reports: [], failed: [{ contractId: event.contractId, error: error.message }] };
      }
    }
    const result = await writeReportsForLastQuarter(writer, event.today ?? deps.today());
    logger.info('quarterly reports written', {
      period: result.period,
      written: result.written.length,
      failed: result.failed.length,
    });
    const reports = await Promise.all(result.written.map((report) => summarise(deps, report)));
    return { period: result.period, reports, failed: result.failed };
  };
  return middy<ReportEvent, ReportResult, Error, Context>(handle).use(injectLambdaContext(logger));
}

/** A presigned GET link for an S3-backed reports store (undefined for other stores). */
async function presignedLinks(store: BlobStore): Promise<((key: string) => Promise<string>) | undefined> {
  const [{ S3BlobStore }, { presignGet }] = await Promise.all([
    import('../../adapters/blob/s3-blob-store.ts'),
    import('../../adapters/blob/presign.ts'),
  ]);
  if (!(store instanceof S3BlobStore)) return undefined;
  return (key) => presignGet(store, key, 7 * 24 * 3600);
}

let cloudDeps: Promise<ReportHandlerDeps> | undefined;

/** Dependencies in the cloud: configuration from the environment, read on first invocation. */
function resolveCloudDeps(): Promise<ReportHandlerDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const [{ openRuntime }, { reportDepsOf }] = await Promise.all([
      import('../../adapters/runtime.ts'),
      import('../../pipeline/reports/report-deps.ts'),
    ]);
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    return {
      writer: await reportDepsOf(runtime),
      today: () => todayInShanghai(config),
      link: await presignedLinks(runtime.stores.reports),
    };
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createReportHandler(resolveCloudDeps);

/**
 * `redvest report --contract ID --period 2026-Q3 [--out DIR] [--no-pdf]`: writes the impact
 * report of one purchase contract (HTML, XLSX, JSON and, where Chromium is present, PDF) into
 * the reports store under `{contract_id}/{period}/`, and copies it to DIR when given.
 */
import type { Command } from 'commander';

interface ReportFlags {
  contract: string;
  period: string;
  out?: string;
  pdf: boolean;
}

/** Registers `redvest report`. */
export function register(program: Command): void {
  program
    .command('report')
    .description('write the impact report of a purchase contract / 生成购买服务成效报告')
    .requiredOption('--contract <id>', 'contract id (合同编号)')
    .requiredOption('--period <period>', 'period: 2026-11, 2026-Q3, 2026 or contract (whole contract to date)')
    .option('--out <dir>', 'also copy the files into this directory')
    .option('--no-pdf', 'do not print report.pdf')
    .action(async (flags: ReportFlags, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { reportDepsOf, lakeViewRegistrar } = await import('../../pipeline/reports/report-deps.ts');
      const { writeReport } = await import('../../pipeline/reports/write-report.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const runtime = await openRuntime(config);
      try {
        const deps = await reportDepsOf(runtime, {
          registerLakeViews: await lakeViewRegistrar(config),
          pdf: flags.pdf,
          log: (message) => process.stderr.write(`${message}\n`),
        });
        const written = await writeReport(deps, { contractId: flags.contract, period: flags.period });
        const copied: string[] = [];
        if (flags.out) {
          const path = await import('node:path');
          const { mkdir, writeFile } = await import('node:fs/promises');
          await mkdir(flags.out, { recursive: true });
          for (const key of written.keys) {
            const file = path.join(flags.out, path.basename(key));
            await writeFile(file, await runtime.stores.reports.get(key));
            copied.push(file);
          }
        }
        const d = written.model.delivery;
        const summary = {
          contractId: written.contractId,
          period: written.period,
          store: runtime.stores.reports.url,
          keys: written.keys,
          copied,
          pdfSkipped: written.pdfSkipped ?? null,
          serviceHours: d.service_hours,
          targetHours: d.target_hours,
          hoursAchievedPct: d.hours_achieved_pct,
        };
        if (globals.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          process.stdout.write(
            `报告已生成 / Report written: ${summary.store}/${written.prefix}\n` +
              `  ${written.keys.map((k) => k.slice(written.prefix.length)).join(', ')}\n` +
              `  服务时长 Service hours ${d.service_hours} / 目标 target ${d.target_hours ?? '—'}` +
              ` (${d.hours_achieved_pct ?? '—'}%)\n` +
              (copied.length > 0 ? `  copied to ${flags.out}\n` : '') +
              (written.pdfSkipped ? `  PDF: ${written.pdfSkipped}\n` : ''),
          );
      } finally {
        await runtime.close();
      }
    });
}

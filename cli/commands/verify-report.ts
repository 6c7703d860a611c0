/**
 * `redvest verify-report report.json`: recomputes every figure of a report from the lake.
 * Exit 0 when all hold, 3 when any changed (each named), 1 on errors.
 */
import type { Command } from 'commander';

/** Exit code when at least one figure no longer holds. */
export const EXIT_FIGURES_CHANGED = 3;

/** Registers `redvest verify-report`. */
export function register(program: Command): void {
  program
    .command('verify-report')
    .description('recompute every figure of a report.json from the lake / 核对报告数字 (exit 0 holds, 3 changed, 1 error)')
    .argument('<report.json>', 'a report.json written by `redvest report`')
    .action(async (file: string, _flags: unknown, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { readFile } = await import('node:fs/promises');
      const { parseReportJson, verifyReport } = await import('../../pipeline/reports/verify-report.ts');
      const report = parseReportJson(await readFile(file, 'utf8'));
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { reportDepsOf, lakeViewRegistrar } = await import('../../pipeline/reports/report-deps.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const runtime = await openRuntime(config);
      try {
        const deps = await reportDepsOf(runtime, { registerLakeViews: await lakeViewRegistrar(config) });
        const result = await verifyReport({ ...deps, suppressBelow: undefined }, report);
        if (globals.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (result.holds)
          process.stdout.write(
            `全部 ${result.checked} 项数字核对一致 / all ${result.checked} figures hold (${result.contractId} ${result.period})\n`,
          );
        else {
          process.stdout.write(
            `${result.changed.length} 项数字已变化 / ${result.changed.length} of ${result.checked} figures changed ` +
              `(${result.contractId} ${result.period}):\n`,
          );
          for (const change of result.changed)
            process.stdout.write(`  ${change.id}: ${String(change.reported ?? '(none)')} → ${String(change.now ?? '(none)')}\n`);
        }
        if (!result.holds) process.exitCode = EXIT_FIGURES_CHANGED;
      } finally {
        await runtime.close();
      }
    });
}

/**
 * `redvest aggregate [--full]`: runs the aggregation job once on the configured engine (the
 * same `runAggregation` the scheduled function calls) and prints what it did.
 */
import type { Command } from 'commander';

/** Registers `redvest aggregate`. */
export function register(program: Command): void {
  program
    .command('aggregate')
    .description('recompute the aggregate tables / 重新计算汇总表(只重算新批次涉及的月份)')
    .option('--full', 'recompute every month, not only those touched since the last run')
    .action(async (flags: { full?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { aggregationDeps } = await import('../../pipeline/aggregate/aggregation-deps.ts');
      const { createAggregateHandler } = await import('../../functions/aggregate/handler.ts');
      const { Logger } = await import('@aws-lambda-powertools/logger');
      const { Metrics } = await import('@aws-lambda-powertools/metrics');
      const { toStderr } = await import('../../functions/commons/stderr-output.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const runtime = await openRuntime(config);
      try {
        const logger = new Logger({ serviceName: 'aggregate', logLevel: globals.json ? 'ERROR' : 'WARN' });
        // Logs and EMF metrics go to stderr: stdout is the command's output (one JSON line with --json).
        const metrics = new Metrics({ namespace: 'Redvest', serviceName: 'aggregate' });
        toStderr(logger);
        toStderr(metrics);
        const handle = createAggregateHandler(() => aggregationDeps(runtime), logger, metrics);
        const result = await handle({ full: flags.full === true }, {} as never);
        if (globals.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        if (result.status === 'unchanged') {
          process.stdout.write('没有新批次,汇总表未变 / no new batches: tables unchanged\n');
          return;
        }
        process.stdout.write(
          `汇总完成 / aggregated: run ${result.runId} (${result.full ? 'full' : 'incremental'}, ${result.seconds.toFixed(1)} s)\n`,
        );
        for (const [dataset, months] of Object.entries(result.recomputedMonths))
          process.stdout.write(`  ${dataset}: ${months.length} month(s) recomputed\n`);
        for (const [table, rows] of Object.entries(result.rows)) process.stdout.write(`  ${table}: ${rows} rows\n`);
        process.stdout.write(`  volunteer profiles written: ${result.profilesWritten}\n`);
      } finally {
        await runtime.close();
      }
    });
}

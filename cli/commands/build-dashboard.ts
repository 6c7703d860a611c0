/**
 * `redvest build-dashboard`: builds the static dashboard site into the site store and exports
 * the dashboard data (`data/*.json`) from the aggregate tables.
 */
import type { Command } from 'commander';

/** Registers `redvest build-dashboard`. */
export function register(program: Command): void {
  program
    .command('build-dashboard')
    .description('build the dashboard site and export its data from the aggregate tables / 构建数据看板')
    .option('--data-only', 'only export the data (skip bundling the site)')
    .action(async (options: { dataOnly?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { exportDashboardData } = await import('../../pipeline/dashboard-export/export-dashboard-data.ts');
      const { lakeViewRegistrar } = await import('../../pipeline/reports/report-deps.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const runtime = await openRuntime(config);
      try {
        const site = options.dataOnly
          ? undefined
          : await (await import('../../dashboards/build.ts')).buildDashboardSite(runtime.stores.site);
        const engine = await runtime.engine();
        // DuckDB learns the lake's aggregate tables from the aggregation's views; Athena from Glue.
        const registerLakeViews = await lakeViewRegistrar(config);
        if (registerLakeViews) await registerLakeViews(engine, runtime.stores.lake);
        const data = await exportDashboardData({ engine, site: runtime.stores.site, suppressBelow: config.suppressBelow }).catch(
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (!/agg_\w+/.test(message) || !/not exist|not found/i.test(message)) throw error;
            throw new Error(
              `尚无汇总表，请先运行 redvest aggregate / no aggregate tables yet: run \`redvest aggregate\` first (${message.split('\n')[0]})`,
            );
          },
        );
        const summary = {
          store: runtime.stores.site.url,
          siteFiles: site?.keys.length ?? 0,
          siteBytes: site?.bytes ?? 0,
          dataFiles: data.keys.length,
          dataBytes: data.bytes,
          periods: data.periods,
          suppressedCells: data.suppressedCells,
        };
        if (globals.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          process.stdout.write(
            `看板已构建 / Dashboards built in ${summary.store}: ${summary.siteFiles} site files, ` +
              `${summary.dataFiles} data files for ${summary.periods} periods ` +
              `(${summary.suppressedCells} counts shown as "<${config.suppressBelow}").\n` +
              'Run `redvest serve` to open them.\n',
          );
      } finally {
        await runtime.close();
      }
    });
}

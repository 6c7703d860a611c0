/**
 * `redvest demo` (what `npm start` runs): the whole pipeline on this machine, then the
 * dashboards and the local upload API served on localhost (`--no-serve` exits instead).
 */
import type { Command } from 'commander';

/** Registers `redvest demo`. */
export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline locally and serve the dashboards / 本地运行完整流程并提供数据看板')
    .option('--records <n>', 'service records to generate', '20000')
    .option('--seed <n>', 'generator seed', '1')
    .option('--as-of <date>', 'as-of date of the generated data (default: today in Asia/Shanghai)')
    .option('--no-serve', 'exit after the summary instead of serving the dashboards')
    .option('--port <port>', 'port to serve on', '8080')
    .action(async (flags: { records: string; seed: string; asOf?: string; serve: boolean; port: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const records = Number(flags.records);
      const seed = Number(flags.seed);
      const port = Number(flags.port);
      if (!Number.isInteger(records) || records <= 0)
        throw new Error(`--records must be a positive integer, got "${flags.records}"`);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${flags.seed}"`);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${flags.port}"`);
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { runDemo, formatDemoSummary } = await import('../demo.ts');
      // The demo prints one line per batch itself; function logs only for warnings and errors.
      const config = loadConfig(process.env, { dataDir: globals.dataDir, logLevel: 'WARN' });
      const runtime = await openRuntime(config);
      const say = (message: string) => process.stderr.write(`${message}\n`);
      let serving = false;
      try {
        const summary = await runDemo(runtime, { records, seed, asOf: flags.asOf, say });
        if (globals.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(formatDemoSummary(summary, config));
        if (!flags.serve) return;
        const { startSiteServer } = await import('../../dashboards/serve.ts');
        const { createApiRequestHandler } = await import('../local-api-server.ts');
        const api = createApiRequestHandler(runtime);
        const { url, close } = await startSiteServer({ store: runtime.stores.site, port, api });
        serving = true;
        process.stdout.write(
          `数据看板 / Dashboards: ${url}\n上传接口 / Upload API: ${url}api/batches\n(Ctrl+C 停止 / to stop)\n`,
        );
        const stop = () => {
          void close()
            .then(() => runtime.close())
            .finally(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } finally {
        if (!serving) await runtime.close();
      }
    });
}

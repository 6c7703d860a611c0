/**
 * `redvest serve [--port N] [--host H]`: serves the built dashboard site and its data
 * (the site store, `<data-dir>/site` by default) on localhost and prints the URL.
 */
import type { Command } from 'commander';

/** Registers `redvest serve`. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboards (site store) on http://127.0.0.1 / 在本机提供数据看板')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (options: { port: string; host: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${options.port}"`);
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openBlobStore } = await import('../../adapters/blob/open-blob-store.ts');
      const { startSiteServer } = await import('../../dashboards/serve.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const store = openBlobStore(config.stores.site, config);
      if (!(await store.exists('index.html'))) {
        process.stderr.write(
          'redvest: 看板尚未构建，请先运行 `redvest build-dashboard` / the site is not built yet: run `redvest build-dashboard`\n',
        );
      }
      const { url, close } = await startSiteServer({ store, port, host: options.host });
      if (globals.json) process.stdout.write(`${JSON.stringify({ url, store: store.url })}\n`);
      else process.stdout.write(`数据看板 / Dashboards: ${url}\n(Ctrl+C 停止 / to stop)\n`);
      const stop = () => {
        void close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

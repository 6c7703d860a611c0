/**
 * The `redvest` command. Each sub-command lives in `cli/commands/<name>.ts` and exports a
 * `register(program)` function; heavy modules are imported lazily inside actions so that
 * `redvest --help` stays fast.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';

const program = new Command();
program
  .name('redvest')
  .description('Redvest (红马甲): volunteer service data pipeline — ingest, aggregate, dashboards, reports')
  .option('--data-dir <dir>', 'local state directory (lake, dynalite, secrets)', '.redvest')
  .option('--json', 'machine-readable output on stdout; logs go to stderr')
  .showHelpAfterError();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`redvest: ${message}\n`);
  process.exitCode = 1;
}

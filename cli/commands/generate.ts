/**
 * `redvest generate [--as-of DATE] [--seed N] [--records N] [--out DIR]`: writes a deterministic
 * sample dataset (reference data, registrations, district batches with bad rows, corrections)
 * as CSV (UTF-8, GBK), XLSX and JSON Lines, plus `manifest.json` listing the files in ingest order.
 */
import path from 'node:path';
import type { Command } from 'commander';

interface GenerateFlags {
  asOf?: string;
  seed: string;
  records: string;
  badShare: string;
  months: string;
  out?: string;
}

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** Registers `redvest generate`. */
export function register(program: Command): void {
  program
    .command('generate')
    .description('generate sample district batches / 生成示例数据（各区服务记录、注册、项目、合同）')
    .option('--as-of <date>', 'last day of history, YYYY-MM-DD (default: today in Asia/Shanghai)')
    .option('--seed <n>', 'random seed: the same arguments give byte-identical files', '1')
    .option('--records <n>', 'service records in the initial district batches', '20000')
    .option('--bad-share <share>', 'share of service records made bad on purpose (0–0.5)', '0.02')
    .option('--months <n>', 'months of history', '24')
    .option('--out <dir>', 'output directory (default: <data-dir>/generated)')
    .action(async (flags: GenerateFlags, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const started = performance.now();
      const { loadConfig, todayInShanghai } = await import('../../adapters/config.ts');
      const { generateDataset, writeDataset } = await import('../../pipeline/generate/index.ts');
      const { SingleBar, Presets } = await import('cli-progress');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const asOf = flags.asOf ?? todayInShanghai(config);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got "${asOf}"`);
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${flags.seed}"`);
      const badRowShare = Number(flags.badShare);
      if (!Number.isFinite(badRowShare)) throw new Error(`--bad-share must be a number, got "${flags.badShare}"`);
      const out = path.resolve(flags.out ?? path.join(config.dataDir, 'generated'));

      const bar = new SingleBar(
        { stream: process.stderr, format: '生成 / generate [{bar}] {value}/{total} {file}', hideCursor: true },
        Presets.shades_classic,
      );
      const dataset = generateDataset({
        asOf,
        seed,
        records: positiveInteger(flags.records, '--records'),
        badRowShare,
        months: positiveInteger(flags.months, '--months'),
      });
      bar.start(dataset.batches.length, 0, { file: '' });
      const files = await writeDataset(dataset, out, (file, done) => bar.update(done, { file: path.basename(file.path) }));
      bar.stop();

      const rows: Record<string, number> = { service_records: 0, registrations: 0, projects: 0, contracts: 0 };
      for (const file of files) rows[file.dataset] = (rows[file.dataset] ?? 0) + file.rows;
      const summary = {
        out,
        manifest: path.join(out, 'manifest.json'),
        as_of: asOf,
        seed,
        records: dataset.options.records,
        files: files.length,
        rows,
        bad_rows: dataset.truth.badRows.length,
        corrections: dataset.truth.corrections.length,
        volunteers: dataset.truth.volunteers,
        linked_volunteers: dataset.truth.linkedVolunteers,
        seconds: Math.round(performance.now() - started) / 1000,
      };
      if (globals.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      process.stdout.write(
        [
          `已生成 ${files.length} 个文件 / wrote ${files.length} files to ${out}`,
          `  服务记录 service records: ${rows.service_records}（其中错误行 bad rows: ${summary.bad_rows}，更正 corrections: ${summary.corrections}）`,
          `  注册 registrations: ${rows.registrations}，项目 projects: ${rows.projects}，合同 contracts: ${rows.contracts}`,
          `  义工 volunteers: ${summary.volunteers}（跨区关联 linked across districts: ${summary.linked_volunteers}）`,
          `  清单 manifest: ${summary.manifest}`,
          '',
        ].join('\n'),
      );
    });
}

/**
 * `redvest volunteer <ID>`: looks up a volunteer's profile (义工服务证: cumulative approved
 * hours, star level, first and last service) by ID number or volunteer number. The value is
 * hashed exactly as ingest hashes it; it is never stored or logged.
 */
import type { Command } from 'commander';

/** Registers `redvest volunteer`. */
export function register(program: Command): void {
  program
    .command('volunteer')
    .description('look up a volunteer profile / 查询义工档案(累计时长、星级、首次与最近服务)')
    .argument('<id>', 'ID number or volunteer number')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      const { loadVolunteerKey } = await import('../../adapters/secrets/volunteer-key.ts');
      const { VolunteerKeyer } = await import('../../pipeline/identity/volunteer-key.ts');
      const { readVolunteerProfile } = await import('../../pipeline/aggregate/volunteer-profiles.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const keyer = new VolunteerKeyer(await loadVolunteerKey(config));
      const runtime = await openRuntime(config);
      try {
        const profile = await readVolunteerProfile(runtime.ops, keyer.keyOf(id.trim().toUpperCase()));
        if (globals.json) {
          process.stdout.write(`${JSON.stringify(profile ?? null)}\n`);
        } else if (!profile) {
          process.stdout.write('未找到该义工的服务记录 / no approved service found for this volunteer\n');
          process.exitCode = 2;
        } else {
          process.stdout.write(
            [
              `累计服务时长 / cumulative hours: ${profile.cumulative_hours.toFixed(2)}`,
              `星级 / star level: ${profile.star > 0 ? '★'.repeat(profile.star) : '0'} (${profile.star})`,
              `首次服务 / first service: ${profile.first_service_date}`,
              `最近服务 / last service: ${profile.last_service_date}`,
            ].join('\n') + '\n',
          );
        }
      } finally {
        await runtime.close();
      }
    });
}

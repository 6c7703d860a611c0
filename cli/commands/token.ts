/**
 * `redvest token --district futian [--ttl 8h]`: prints a local upload-API token (HS256, signed
 * with the local key) carrying `custom:district`, `sub` and `exp`.
 */
import type { Command } from 'commander';

/** Registers `redvest token`. */
export function register(program: Command): void {
  program
    .command('token')
    .description('print a local upload-API token for a district / 生成本地上传接口令牌')
    .requiredOption('--district <slug>', 'district slug (futian, nanshan …) or city')
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .option('--sub <subject>', 'token subject (default local:<district>)')
    .action(async (options: { district: string; ttl: string; sub?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const { loadConfig } = await import('../../adapters/config.ts');
      const { loadTokenKey } = await import('../../adapters/secrets/volunteer-key.ts');
      const { signLocalToken } = await import('../../adapters/auth/local-token.ts');
      const { parseDurationSeconds } = await import('../../adapters/auth/duration.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const ttlSeconds = parseDurationSeconds(options.ttl);
      const now = new Date();
      const token = await signLocalToken(await loadTokenKey(config), {
        district: options.district,
        sub: options.sub,
        ttlSeconds,
        now,
      });
      if (globals.json) {
        const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000).toISOString();
        process.stdout.write(`${JSON.stringify({ token, district: options.district, expires_at: expiresAt })}\n`);
      } else process.stdout.write(`${token}\n`);
    });
}

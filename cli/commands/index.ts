/**
 * Registry of sub-commands. Add one line per command file.
 */
import type { Command } from 'commander';
import { register as registerAggregate } from './aggregate.ts';
import { register as registerBuildDashboard } from './build-dashboard.ts';
import { register as registerDemo } from './demo.ts';
import { register as registerGenerate } from './generate.ts';
import { register as registerIngest } from './ingest.ts';
import { register as registerQuery } from './query.ts';
import { register as registerReport } from './report.ts';
import { register as registerServe } from './serve.ts';
import { register as registerToken } from './token.ts';
import { register as registerUpload } from './upload.ts';
import { register as registerVerifyReport } from './verify-report.ts';
import { register as registerVolunteer } from './volunteer.ts';

type Register = (program: Command) => void;

/** Sub-command registrars, in the order `redvest --help` lists them. */
const registrars: Register[] = [
  registerDemo,
  registerGenerate,
  registerIngest,
  registerBuildDashboard,
  registerServe,
  registerToken,
  registerUpload,
  registerReport,
  registerVerifyReport,
  registerAggregate,
  registerQuery,
  registerVolunteer,
];

/** Registers every sub-command on the program. */
export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}

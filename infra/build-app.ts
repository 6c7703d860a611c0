/**
 * Builds the Redvest stack into an app from its context; shared by `infra/app.ts` and the tests.
 */
import type { App } from 'aws-cdk-lib';
import { AGGREGATE_TABLES, CURATED_TABLES, INTERMEDIATE_TABLES } from '../schemas/tables.ts';
import { lakeTableSpecs } from './analytics/lake-table-specs.ts';
import { resolveStageConfig } from './config/stage-config.ts';
import { RedvestStack } from './redvest-stack.ts';

/**
 * Resolves the configuration from the app's context and adds the stack `Redvest-<stage>`.
 * Context `dashboardSiteDir` overrides where the built dashboard site is read from.
 *
 * @example
 * const stack = buildApp(new App({ context: { stage: 'dev' } }));
 */
export function buildApp(app: App, env: NodeJS.ProcessEnv = process.env): RedvestStack {
  const config = resolveStageConfig((key) => app.node.tryGetContext(key), env);
  return new RedvestStack(app, `Redvest-${config.stage}`, {
    config,
    lakeTables: lakeTableSpecs({ curated: CURATED_TABLES, aggregates: AGGREGATE_TABLES, intermediates: INTERMEDIATE_TABLES }),
    dashboardSiteDir: (app.node.tryGetContext('dashboardSiteDir') as string | undefined) ?? undefined,
    description: `Redvest (红马甲) volunteer data pipeline, ${config.stage}`,
  });
}

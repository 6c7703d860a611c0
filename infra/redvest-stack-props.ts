import type { StackProps } from 'aws-cdk-lib';
import type { LakeTableSpec } from './analytics/lake-catalog-props.ts';
import type { StageConfig } from './config/stage-config.ts';

/** Properties of {@link RedvestStack}. */
export interface RedvestStackProps extends StackProps {
  /** Resolved deployment configuration (see `resolveStageConfig`). */
  readonly config: StageConfig;
  /** Lake tables of the Glue catalog, generated from `schemas/` (see `lakeTableSpecs`). */
  readonly lakeTables: readonly LakeTableSpec[];
  /**
   * SSM SecureString parameter holding the pseudonymisation (HMAC) key. Create it before
   * deploying: CloudFormation cannot create SecureString parameters.
   * @default '/redvest/<stage>/volunteer-key'
   */
  readonly keyParameterName?: string;
  /**
   * Built dashboard site to deploy.
   * @default '<repo>/dashboards/site/dist' (skipped when absent)
   */
  readonly dashboardSiteDir?: string;
}

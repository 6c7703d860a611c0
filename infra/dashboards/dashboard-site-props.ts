import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { DashboardSignInProps } from './dashboard-sign-in-props.ts';

/** Properties of {@link DashboardSite}. */
export interface DashboardSiteProps {
  /** Bucket holding the site and its exported `data/`. */
  readonly site: IBucket;
  /** Bucket receiving CloudFront standard logs. */
  readonly accessLogs: IBucket;
  /**
   * Built site to deploy; skipped when the folder does not exist. The deployment never prunes
   * and never touches `data/` (written by the dashboard export).
   * @default '<repo>/dashboards/site/dist'
   */
  readonly siteDir?: string;
  /**
   * Custom domain. Required in China (ICP-recorded: `*.cloudfront.cn` cannot serve content).
   * @default - the CloudFront domain (global regions only)
   */
  readonly domainName?: string;
  /**
   * Certificate for `domainName`: an ACM certificate ARN in us-east-1 (global) or an IAM server
   * certificate id (China, where CloudFront has no ACM).
   * @default - none
   */
  readonly certificate?: string;
  /**
   * Deploy for the China partition (IAM server certificate, no managed policies or IPv6).
   * @default false
   */
  readonly china?: boolean;
  /**
   * IPv4 CIDR blocks allowed to view the dashboards, enforced by a CloudFront Function on viewer
   * requests. Global regions only: in China CloudFormation offers no CloudFront Function (and
   * CloudFront there has no WAF or Lambda@Edge), so giving CIDRs with `china` throws.
   * @default - everyone
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * Require sign-in: every behaviour serving the site or its `data/` trusts a key group
   * (CloudFront signed cookies, set by the sign-in function at `/auth/*`); works in the global and
   * the China partitions (see {@link DashboardSignInProps} for the design and what was verified).
   * @default - no sign-in (off)
   */
  readonly signIn?: DashboardSignInProps;
  /**
   * Seconds CloudFront caches the exported `data/` files.
   * @default 300
   */
  readonly dataCacheSeconds?: number;
}

import type { IKey } from 'aws-cdk-lib/aws-kms';

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  /** Key encrypting the alarm topic (CloudWatch and Lambda are allowed to use it). */
  readonly key: IKey;
  /**
   * E-mail address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Rejected share of rows (0–1) over an hour above which the rejection alarm fires.
   * @default 0.2
   */
  readonly rejectionRateThreshold?: number;
  /**
   * CloudWatch dashboard name.
   * @default - generated
   */
  readonly dashboardName?: string;
  /**
   * Powertools metrics namespace of the functions.
   * @default 'Redvest'
   */
  readonly metricsNamespace?: string;
}

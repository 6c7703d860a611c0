/**
 * Operations: the alarm topic, alarms (function errors, dead-letter depth, rejection rate,
 * aggregation failures) and a CloudWatch dashboard of the pipeline's health.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MonitoringProps } from './monitoring-props.ts';

/** Powertools metric names the ingest function publishes (namespace `Redvest`, dimension `service`). */
export const INGEST_ROW_METRICS = { accepted: 'RowsAccepted', rejected: 'RowsRejected' } as const;

/**
 * @example
 * const monitoring = new Monitoring(this, 'Monitoring', { key });
 * monitoring.watchFunction('Ingest', ingestFn);
 */
export class Monitoring extends Construct {
  /** Receives every alarm and failed scheduled run. */
  readonly topic: Topic;
  /** The pipeline dashboard. */
  readonly dashboard: Dashboard;
  /** Alarms created so far, by id. */
  readonly alarms = new Map<string, Alarm>();
  private readonly namespace: string;
  private readonly rejectionRateThreshold: number;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.namespace = props.metricsNamespace ?? 'Redvest';
    this.rejectionRateThreshold = props.rejectionRateThreshold ?? 0.2;
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Redvest alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    props.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
      }),
    );
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Redvest 红马甲 pipeline health\nIngest, scheduled analytics and dead-letter queues.',
        width: 24,
        height: 2,
      }),
    );
  }

  private alarm(alarmId: string, props: ConstructorParameters<typeof Alarm>[2]): Alarm {
    const alarm = new Alarm(this, alarmId, props);
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.set(alarmId, alarm);
    return alarm;
  }

  /**
   * Alarms on any error of a function and adds its invocations, errors and duration to the dashboard.
   *
   * @example
   * monitoring.watchFunction('Aggregate', aggregateFn, 'Aggregation failed');
   */
  watchFunction(label: string, fn: IFunction, description = `${label} function errors`): Alarm {
    const errors = fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
    const alarm = this.alarm(`${label}Errors`, {
      alarmDescription: description,
      metric: errors,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.dashboard.addWidgets(
      new GraphWidget({ title: `${label}: invocations and errors`, left: [fn.metricInvocations(), errors], width: 12 }),
      new GraphWidget({ title: `${label}: duration p95`, left: [fn.metricDuration({ statistic: 'p95' })], width: 12 }),
    );
    return alarm;
  }

  /**
   * Alarms as soon as a dead-letter queue holds a message.
   *
   * @example
   * monitoring.watchDeadLetterQueue('IngestDlq', ingest.deadLetterQueue);
   */
  watchDeadLetterQueue(label: string, queue: IQueue): Alarm {
    const depth = queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    const alarm = this.alarm(`${label}Depth`, {
      alarmDescription: `${label}: messages in the dead-letter queue (replay with redvest replay)`,
      metric: depth,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.dashboard.addWidgets(new GraphWidget({ title: `${label}: depth`, left: [depth], width: 12 }));
    return alarm;
  }

  /**
   * Alarms when the share of rejected rows over an hour exceeds the threshold.
   *
   * @example
   * monitoring.watchRejectionRate('redvest-ingest');
   */
  watchRejectionRate(service: string): Alarm {
    const metric = (name: string) =>
      new Metric({
        namespace: this.namespace,
        metricName: name,
        dimensionsMap: { service },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const rate = new MathExpression({
      expression: 'IF((accepted + rejected) > 0, rejected / (accepted + rejected), 0)',
      usingMetrics: { accepted: metric(INGEST_ROW_METRICS.accepted), rejected: metric(INGEST_ROW_METRICS.rejected) },
      label: 'Rejected share of rows',
      period: Duration.hours(1),
    });
    const alarm = this.alarm('RejectionRate', {
      alarmDescription: `More than ${this.rejectionRateThreshold * 100}% of uploaded rows were rejected in an hour`,
      metric: rate,
      threshold: this.rejectionRateThreshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.dashboard.addWidgets(new GraphWidget({ title: 'Ingest: rejected share of rows', left: [rate], width: 12 }));
    return alarm;
  }

  /**
   * Adds the data scanned by the Athena workgroup to the dashboard.
   *
   * @example
   * monitoring.watchAthena('redvest');
   */
  watchAthena(workgroup: string): void {
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Athena: bytes scanned',
        left: [
          new Metric({
            namespace: 'AWS/Athena',
            metricName: 'ProcessedBytes',
            dimensionsMap: { WorkGroup: workgroup },
            statistic: 'Sum',
            period: Duration.days(1),
          }),
        ],
        width: 12,
      }),
    );
  }
}

/**
 * One pipeline function: a NodejsFunction bundled by local esbuild (never Docker), arm64,
 * Node.js 22, structured logs with retention, optional X-Ray and Powertools metrics, with its
 * own role that holds no managed policy.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duration, Size } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../common/nag.ts';
import { sqlAssetCommands } from './bundle-assets.ts';
import { ESBUILD_TARGET, ESM_REQUIRE_BANNER, externalModulesOf } from './esbuild-settings.ts';
import { functionEntry, REPO_ROOT } from './function-entries.ts';
import type { RedvestFunctionProps } from './redvest-function-props.ts';

/** Lambda runtime of every function. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/**
 * Writes (once) the tiny asset used with `skipBundling`: a handler that refuses to run.
 * Lives in the OS temp directory so it can never be mistaken for a real handler.
 */
function unbundledAssetDir(): string {
  const dir = path.join(os.tmpdir(), 'redvest-unbundled-asset');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'index.mjs'),
    "export const handler = async () => { throw new Error('synthesised with redvest:skipBundling; not deployable'); };\n",
  );
  return dir;
}

/**
 * @example
 * const ingest = new RedvestFunction(this, 'Ingest', { name: 'ingest', description: 'Ingests landed files' });
 * ingest.fn.addEventSource(source);
 */
export class RedvestFunction extends Construct {
  /** The Lambda function. */
  readonly fn: LambdaFunction;
  /** Absolute path of the entry file (`functions/<name>/handler.ts`). */
  readonly entry: string;
  /** Whether the code was bundled by esbuild (false only with `skipBundling`). */
  readonly bundled: boolean;

  constructor(scope: Construct, id: string, props: RedvestFunctionProps) {
    super(scope, id);
    this.entry = functionEntry(props.name);
    this.bundled = !(props.skipBundling ?? false);
    const tracing = props.tracing ?? true;

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Redvest ${props.name} function`,
    });
    logGroup.grantWrite(role);

    const common = {
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.minutes(1),
      ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb ?? 512),
      tracing: tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `redvest-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: 'Redvest',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        POWERTOOLS_TRACE_DISABLED: tracing ? 'false' : 'true',
        REDVEST_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
    };

    if (this.bundled && !existsSync(this.entry))
      throw new Error(
        `RedvestFunction: ${this.entry} does not exist; write the handler first (synthesising with -c redvest:skipBundling=true gives a non-deployable template).`,
      );
    this.fn = this.bundled
      ? new NodejsFunction(this, 'Function', {
          ...common,
          entry: this.entry,
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: {
            forceDockerBundling: false,
            format: OutputFormat.ESM,
            target: ESBUILD_TARGET,
            platform: 'node',
            mainFields: ['module', 'main'],
            minify: true,
            sourceMap: true,
            externalModules: externalModulesOf(props.name),
            banner: ESM_REQUIRE_BANNER,
            // The SQL the code reads at run time goes to `sql/` beside index.mjs, where the
            // loaders' `new URL('./sql/…', import.meta.url)` resolves in the bundle.
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir, outputDir) => sqlAssetCommands(props.name, inputDir, outputDir, REPO_ROOT),
            },
          },
        })
      : new LambdaFunction(this, 'Function', {
          ...common,
          code: Code.fromAsset(unbundledAssetDir()),
          handler: 'index.handler',
        });

    if (tracing) {
      // Lambda adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*" for active tracing.
      acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray trace submission has no resource-level permissions.');
    }
    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the project is built and tested for (engines, esbuild target); moving to a newer runtime is a deliberate upgrade.',
    );
  }
}

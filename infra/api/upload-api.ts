/**
 * The upload API: an HTTP API with throttling, access logs and a JWT authorizer in front of
 * the upload-api function (`POST /batches`, `GET /batches`, `GET /batches/{id}`).
 */
import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { grantKeyUse, grantObjects, grantTableItems } from '../common/scoped-grants.ts';
import { RedvestFunction } from '../functions/redvest-function.ts';
import { ApiAuth } from './api-auth.ts';
import { addLoggedStage } from './logged-stage.ts';
import type { UploadApiProps } from './upload-api-props.ts';

/** Routes served by the upload-api function. */
export const UPLOAD_ROUTES: readonly { method: HttpMethod; path: string }[] = [
  { method: HttpMethod.POST, path: '/batches' },
  { method: HttpMethod.GET, path: '/batches' },
  { method: HttpMethod.GET, path: '/batches/{id}' },
];

/**
 * @example
 * const api = new UploadApi(this, 'UploadApi', { landing, rejects, key, table, auth: { mode: 'cognito' } });
 * api.api.apiEndpoint;
 */
export class UploadApi extends Construct {
  /** The HTTP API. */
  readonly api: HttpApi;
  /** Its `$default` stage (throttled, logged). */
  readonly stage: HttpStage;
  /** Authentication (user pool or OIDC). */
  readonly auth: ApiAuth;
  /** The handler. */
  readonly handler: RedvestFunction;

  constructor(scope: Construct, id: string, props: UploadApiProps) {
    super(scope, id);
    const defaults = props.functionDefaults ?? {};
    this.auth = new ApiAuth(this, 'Auth', props.auth);
    this.handler = new RedvestFunction(this, 'Handler', {
      name: 'upload-api',
      description: 'Upload API: creates batches, presigns uploads, reports batch status',
      timeout: Duration.seconds(29),
      memorySize: 512,
      environment: defaults.environment,
      tracing: defaults.tracing,
      logRetention: defaults.logRetention,
      skipBundling: defaults.skipBundling,
    });
    const role = this.handler.fn.role!;
    grantObjects(role, { bucket: props.landing, prefix: '', write: true }, 'The API presigns uploads of new batch files.');
    grantObjects(role, { bucket: props.rejects, prefix: '', read: true }, 'The API presigns downloads of error reports.');
    grantKeyUse(role, props.key);
    grantTableItems(role, props.table, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ]);

    this.api = new HttpApi(this, 'Api', {
      description: 'Redvest upload API',
      createDefaultStage: false,
      defaultAuthorizer: this.auth.authorizer,
      ...(props.corsAllowedOrigins
        ? {
            corsPreflight: {
              allowOrigins: props.corsAllowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ['authorization', 'content-type'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.stage = addLoggedStage(this, this.api, {
      rateLimit: props.throttleRateLimit ?? 20,
      burstLimit: props.throttleBurstLimit ?? 40,
      logRetention: defaults.logRetention,
      extraFields: {
        latency: '$context.responseLatency',
        district: '$context.authorizer.claims.custom:district',
        authorizerError: '$context.authorizer.error',
      },
    });
    const integration = new HttpLambdaIntegration('Integration', this.handler.fn);
    for (const route of UPLOAD_ROUTES) this.api.addRoutes({ path: route.path, methods: [route.method], integration });
  }
}

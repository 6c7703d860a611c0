/**
 * DynamoDB client construction for the cloud and for dynalite.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** Credentials dynalite accepts (it checks nothing, but the SDK must sign). */
export const LOCAL_DYNAMO_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * What dynalite checks of a signature: a SigV4-shaped Authorization header (Credential,
 * SignedHeaders, Signature present) and an X-Amz-Date header. It never verifies the HMAC.
 */
const LOCAL_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20000101/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=local';
const LOCAL_DATE = '20000101T000000Z';

/**
 * The sigv4 scheme with a signer that stamps {@link LOCAL_AUTHORIZATION} instead of hashing the
 * body and deriving an HMAC per request (a third of a small request's client CPU).
 */
const LOCAL_AUTH_SCHEMES: NonNullable<DynamoDBClientConfig['httpAuthSchemes']> = [
  {
    schemeId: 'aws.auth#sigv4',
    identityProvider: (config) => config.getIdentityProvider('aws.auth#sigv4'),
    signer: {
      async sign(request) {
        request.headers.authorization = LOCAL_AUTHORIZATION;
        request.headers['x-amz-date'] = LOCAL_DATE;
        return request;
      },
    },
  },
];

/** Per-request middleware that only matters to the real service (telemetry headers, Lambda tracing). */
const CLOUD_ONLY_MIDDLEWARE = ['getUserAgentMiddleware', 'recursionDetectionMiddleware'];

/**
 * A DynamoDB client. With `local: true` (dynalite) it uses dummy credentials and region
 * `local` set on the client, never read from the environment, and skips per-request work
 * dynalite ignores: SigV4 hashing (see {@link LOCAL_AUTH_SCHEMES}), endpoint rule evaluation
 * (the endpoint is fixed) and user-agent / recursion-detection headers; and it resolves its
 * middleware stack once per command class (`cacheMiddleware`) instead of on every call. Retries
 * and serialisation behave as in the cloud. Two consequences of the cache: middleware a caller
 * adds (fault injection) must be added before the client first sends that command, and
 * `DynamoDBDocumentClient` refuses such a client (use `@aws-sdk/util-dynamodb`'s `marshall`).
 *
 * @example
 * const client = createDynamoClient({ endpoint: dynalite.endpoint, local: true });
 */
export function createDynamoClient(options: { endpoint?: string; region?: string; local?: boolean } = {}): DynamoDBClient {
  if (options.local) {
    const endpoint = options.endpoint;
    const url = endpoint === undefined ? undefined : new URL(endpoint);
    const client = new DynamoDBClient({
      endpoint,
      region: options.region ?? 'local',
      credentials: LOCAL_DYNAMO_CREDENTIALS,
      httpAuthSchemes: LOCAL_AUTH_SCHEMES,
      cacheMiddleware: true,
      ...(url ? { endpointProvider: () => ({ url }) } : {}),
    });
    for (const name of CLOUD_ONLY_MIDDLEWARE) client.middlewareStack.remove(name);
    return client;
  }
  return new DynamoDBClient({ endpoint: options.endpoint, region: options.region });
}

/**
 * DynamoDB client construction for the cloud and for dynalite.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Credentials dynalite accepts (it checks nothing, but the SDK must sign). */
export const LOCAL_DYNAMO_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * A DynamoDB client. With `local: true` (dynalite) it uses dummy credentials and region
 * `local` set on the client, never read from the environment.
 *
 * @example
 * const client = createDynamoClient({ endpoint: dynalite.endpoint, local: true });
 */
export function createDynamoClient(options: { endpoint?: string; region?: string; local?: boolean } = {}): DynamoDBClient {
  if (options.local) {
    return new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? 'local',
      credentials: LOCAL_DYNAMO_CREDENTIALS,
    });
  }
  return new DynamoDBClient({ endpoint: options.endpoint, region: options.region });
}

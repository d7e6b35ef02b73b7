/**
 * Camunda 8 connection settings. The SDK reads its own variables from the environment (ZEEBE_GRPC_ADDRESS,
 * ZEEBE_ADDRESS, ZEEBE_REST_ADDRESS, ZEEBE_CLIENT_ID/SECRET, CAMUNDA_OAUTH_URL, CAMUNDA_AUTH_STRATEGY, …); this
 * module only derives the overrides where citycase accepts more than the SDK does, so explicit values stay small.
 */
export type ZeebeConfig = Record<string, string>;

type Env = Record<string, string | undefined>;

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** True when a Zeebe gateway address is configured: the Zeebe adapter (and its contract tests) can run. */
export function isZeebeConfigured(env: Env = process.env): boolean {
  return present(env.ZEEBE_ADDRESS) || present(env.ZEEBE_GRPC_ADDRESS);
}

/**
 * - `CAMUNDA_REST_ADDRESS` (the Orchestration Cluster API variable, usually ending in /v2) stands in for
 *   `ZEEBE_REST_ADDRESS`, which the SDK's REST client wants without the version segment;
 * - `ZEEBE_ADDRESS` written with a grpc:// or grpcs:// scheme is moved to `ZEEBE_GRPC_ADDRESS`, where the SDK
 *   reads the scheme as "TLS or not" (on ZEEBE_ADDRESS it would be taken as part of the host);
 * - client credentials plus a token URL without `CAMUNDA_AUTH_STRATEGY` mean OAuth: the SDK's default is NONE,
 *   which would silently send unauthenticated requests to a secured cluster.
 */
export function zeebeConfigFromEnv(env: Env = process.env): ZeebeConfig {
  const config: ZeebeConfig = {};
  if (!present(env.ZEEBE_REST_ADDRESS) && present(env.CAMUNDA_REST_ADDRESS)) {
    config.ZEEBE_REST_ADDRESS = env.CAMUNDA_REST_ADDRESS.trim().replace(/\/+$/, '').replace(/\/v2$/i, '');
  }
  if (!present(env.ZEEBE_GRPC_ADDRESS) && present(env.ZEEBE_ADDRESS) && /^grpcs?:\/\//i.test(env.ZEEBE_ADDRESS.trim())) {
    config.ZEEBE_GRPC_ADDRESS = env.ZEEBE_ADDRESS.trim();
  }
  const clientId = env.ZEEBE_CLIENT_ID ?? env.CAMUNDA_CLIENT_ID;
  if (!present(env.CAMUNDA_AUTH_STRATEGY) && present(clientId) && present(env.CAMUNDA_OAUTH_URL)) {
    config.CAMUNDA_AUTH_STRATEGY = 'OAUTH';
  }
  if (!present(env.ZEEBE_CLIENT_ID) && present(env.CAMUNDA_CLIENT_ID)) {
    config.ZEEBE_CLIENT_ID = env.CAMUNDA_CLIENT_ID;
    if (present(env.CAMUNDA_CLIENT_SECRET) && !present(env.ZEEBE_CLIENT_SECRET)) {
      config.ZEEBE_CLIENT_SECRET = env.CAMUNDA_CLIENT_SECRET;
    }
  }
  return config;
}

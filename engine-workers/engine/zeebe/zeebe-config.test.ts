import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isZeebeConfigured, zeebeConfigFromEnv } from './zeebe-config.ts';

describe('Zeebe configuration from the environment', () => {
  it('runs only when a gateway address is set', () => {
    assert.equal(isZeebeConfigured({}), false);
    assert.equal(isZeebeConfigured({ ZEEBE_ADDRESS: '  ' }), false);
    assert.equal(isZeebeConfigured({ ZEEBE_ADDRESS: 'localhost:26500' }), true);
    assert.equal(isZeebeConfigured({ ZEEBE_GRPC_ADDRESS: 'grpc://localhost:26500' }), true);
  });

  it('takes the Orchestration Cluster API address without its /v2 for the SDK REST client', () => {
    assert.deepEqual(zeebeConfigFromEnv({ CAMUNDA_REST_ADDRESS: 'http://localhost:8080/v2/' }), { ZEEBE_REST_ADDRESS: 'http://localhost:8080' });
  });

  it('keeps ZEEBE_REST_ADDRESS when both are set', () => {
    const env = { ZEEBE_REST_ADDRESS: 'http://zeebe:8080', CAMUNDA_REST_ADDRESS: 'http://other:8080/v2' };
    assert.deepEqual(zeebeConfigFromEnv(env), {});
  });

  it('moves a ZEEBE_ADDRESS written with a scheme to ZEEBE_GRPC_ADDRESS, and leaves host:port alone', () => {
    assert.deepEqual(zeebeConfigFromEnv({ ZEEBE_ADDRESS: 'grpcs://c1.bru-2.zeebe.camunda.io:443' }), {
      ZEEBE_GRPC_ADDRESS: 'grpcs://c1.bru-2.zeebe.camunda.io:443',
    });
    assert.deepEqual(zeebeConfigFromEnv({ ZEEBE_ADDRESS: 'localhost:26500' }), {});
  });

  it('chooses OAuth when credentials and a token URL are given without a strategy', () => {
    const env = { ZEEBE_CLIENT_ID: 'id', ZEEBE_CLIENT_SECRET: 'secret', CAMUNDA_OAUTH_URL: 'https://login.cloud.camunda.io/oauth/token' };
    assert.deepEqual(zeebeConfigFromEnv(env), { CAMUNDA_AUTH_STRATEGY: 'OAUTH' });
    assert.deepEqual(zeebeConfigFromEnv({ ...env, CAMUNDA_AUTH_STRATEGY: 'NONE' }), {});
  });

  it('accepts the Orchestration Cluster API credential names', () => {
    const env = { CAMUNDA_CLIENT_ID: 'id', CAMUNDA_CLIENT_SECRET: 'secret', CAMUNDA_OAUTH_URL: 'https://idp/token' };
    assert.deepEqual(zeebeConfigFromEnv(env), { CAMUNDA_AUTH_STRATEGY: 'OAUTH', ZEEBE_CLIENT_ID: 'id', ZEEBE_CLIENT_SECRET: 'secret' });
  });
});

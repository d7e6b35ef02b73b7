import { describe } from 'node:test';
import { createZeebeEngine } from '../../engine-workers/engine/zeebe/zeebe-engine.ts';
import { isZeebeConfigured } from '../../engine-workers/engine/zeebe/zeebe-config.ts';
import { openTestDatabase } from '../support/database.ts';
import { engineContractSuite } from './contract-suite.ts';

/**
 * The shared contract against a real Camunda 8.8 cluster (e.g. Camunda 8 Run: ZEEBE_GRPC_ADDRESS=grpc://localhost:26500
 * ZEEBE_REST_ADDRESS=http://localhost:8080 CAMUNDA_AUTH_STRATEGY=NONE). The suite expects version 1 of its test
 * processes, so it needs a cluster those processes were never deployed to.
 */
const skip = isZeebeConfigured()
  ? false
  : 'no Camunda 8 cluster: set ZEEBE_ADDRESS (or ZEEBE_GRPC_ADDRESS) and ZEEBE_REST_ADDRESS (or CAMUNDA_REST_ADDRESS) to run it';

/** The approval diagram links the Camunda form "review-form"; Zeebe raises an incident for a form it does not have. */
const reviewForm = JSON.stringify({ id: 'review-form', type: 'default', schemaVersion: 16, components: [] });

describe('Zeebe adapter', { skip }, () => {
  engineContractSuite('zeebe', async () => {
    const t = await openTestDatabase();
    let engine = await createZeebeEngine({ db: t.db, pollIntervalMs: 200 });
    await engine.deploy([{ name: 'review-form.form', content: reviewForm }]);
    return {
      engine,
      async restart() {
        await engine.stop();
        engine = await createZeebeEngine({ db: t.db, pollIntervalMs: 200 });
        return engine;
      },
      dispose: () => t.dispose(),
    };
  });
});

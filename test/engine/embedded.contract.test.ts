import { createEmbeddedEngine } from '../../engine-workers/engine/embedded/embedded-engine.ts';
import { openTestDatabase } from '../support/database.ts';
import { engineContractSuite } from './contract-suite.ts';

engineContractSuite('embedded', async () => {
  const t = await openTestDatabase();
  let db = t.db;
  let engine = await createEmbeddedEngine({ db, pollIntervalMs: 25 });
  return {
    engine,
    async restart() {
      await engine.stop();
      await db.close();
      db = await t.reopen();
      engine = await createEmbeddedEngine({ db, pollIntervalMs: 25 });
      return engine;
    },
    dispose: () => t.dispose(),
  };
});

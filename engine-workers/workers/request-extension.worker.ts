import { requestExtension } from '../../core/case/actions/request-extension.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 申请延期: the department asked for `extensionLimit` more time, e.g. "2 工作日". */
export const requestExtensionWorker = caseWorker('case.request-extension', async (sql, job, deps) => {
  await requestExtension(sql, { ...userStepInput(job, deps), limit: String(job.variables.extensionLimit ?? '') });
});

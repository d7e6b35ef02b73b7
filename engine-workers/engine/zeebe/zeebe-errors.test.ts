import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Conflict, Invalid, NotFound, Unavailable } from '../../../core/errors.ts';
import { isAlreadyExists, toDomainError } from './zeebe-errors.ts';

// Error objects shaped like grpc-js ServiceErrors and the SDK's REST HTTPError; no cluster is involved.
describe('cluster rejections as domain errors', () => {
  it('maps gRPC status codes', () => {
    assert.ok(toDomainError({ code: 5, details: 'no such instance' }, 'process instance 1') instanceof NotFound);
    assert.ok(toDomainError({ code: 9, details: 'not active' }, 'job 1') instanceof Conflict);
    assert.ok(toDomainError({ code: 3, details: 'bad BPMN' }, 'deployment') instanceof Invalid);
    assert.ok(toDomainError({ code: 14, details: 'no connection' }, 'deployment') instanceof Unavailable);
  });

  it('maps REST statuses and network failures', () => {
    assert.ok(toDomainError({ statusCode: 404 }, 'user task 7') instanceof NotFound);
    assert.ok(toDomainError({ response: { statusCode: 409 } }, 'user task 7') instanceof Conflict);
    assert.ok(toDomainError({ statusCode: 503 }, 'user task 7') instanceof Unavailable);
    assert.ok(toDomainError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'incident search') instanceof Unavailable);
  });

  it('names the subject and keeps the cluster’s reason', () => {
    const error = toDomainError({ code: 3, details: "Element 'Task_X' has no task definition" }, 'deployment of a.bpmn') as Invalid;
    assert.equal(error.message, "deployment of a.bpmn: Element 'Task_X' has no task definition");
  });

  it('leaves errors that are not rejections as they are', () => {
    const bug = new TypeError('undefined is not a function');
    assert.equal(toDomainError(bug, 'anything'), bug);
    const domain = new NotFound('case 1');
    assert.equal(toDomainError(domain, 'anything'), domain);
  });

  it('recognises a duplicate message id', () => {
    assert.equal(isAlreadyExists({ code: 6 }), true);
    assert.equal(isAlreadyExists({ code: 5 }), false);
    assert.equal(isAlreadyExists(null), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endedState, toIncident, toIsoTimestamp, toProcessInstance, toUserTask, type SdkIncident, type SdkProcessInstance, type SdkUserTask } from './rest-mapping.ts';

// Hand-written objects shaped like the SDK's REST search results (8.8); they test our mapping, not a cluster.
const sdkTask: SdkUserTask = {
  userTaskKey: '2251799813685400',
  name: '派遣',
  state: 'CREATED',
  assignee: undefined,
  elementId: 'Task_Dispatch',
  elementInstanceKey: '2251799813685399',
  candidateGroups: ['dispatcher'],
  candidateUsers: undefined,
  processDefinitionId: 'case-lifecycle',
  processDefinitionKey: '2251799813685249',
  processDefinitionVersion: 2,
  processInstanceKey: '2251799813685290',
  creationDate: '2024-05-01T08:00:00.000+0800',
  dueDate: '2024-05-02T08:00:00.000+08:00',
  followUpDate: undefined,
  tenantId: '<default>',
  customHeaders: {},
  priority: 50,
};

describe('Zeebe user tasks as port user tasks', () => {
  it('keeps keys as strings and puts dates in one ISO style', () => {
    assert.deepEqual(toUserTask(sdkTask, 'C-2024-0001', 'dispatch'), {
      key: '2251799813685400',
      instanceKey: '2251799813685290',
      businessKey: 'C-2024-0001',
      processId: 'case-lifecycle',
      processVersion: 2,
      elementId: 'Task_Dispatch',
      name: '派遣',
      candidateGroups: ['dispatcher'],
      candidateUsers: [],
      assignee: null,
      dueAt: '2024-05-02T00:00:00.000Z',
      followUpAt: null,
      formId: 'dispatch',
      createdAt: '2024-05-01T00:00:00.000Z',
    });
  });

  it('falls back to the external form reference and to the element id for a missing name', () => {
    const task = toUserTask({ ...sdkTask, name: '', externalFormReference: 'verify' }, 'C-1', null);
    assert.equal(task.formId, 'verify');
    assert.equal(task.name, 'Task_Dispatch');
  });

  it('leaves a date it cannot read as it is rather than inventing one', () => {
    assert.equal(toIsoTimestamp('not a date'), 'not a date');
    assert.equal(toIsoTimestamp(undefined), null);
  });
});

const sdkIncident: SdkIncident = {
  incidentKey: '2251799813685500',
  processDefinitionId: 'case-lifecycle',
  processDefinitionKey: '2251799813685249',
  processInstanceKey: '2251799813685290',
  elementId: 'Task_Register',
  elementInstanceKey: '2251799813685499',
  errorType: 'JOB_NO_RETRIES',
  errorMessage: 'calendar service down',
  creationTime: '2024-05-01T08:00:00.000Z',
  state: 'ACTIVE',
  tenantId: '<default>',
  jobKey: '2251799813685301',
};

describe('Zeebe incidents as port incidents', () => {
  it('keeps the job of a job incident', () => {
    assert.deepEqual(toIncident(sdkIncident, 'C-1'), {
      key: '2251799813685500',
      instanceKey: '2251799813685290',
      businessKey: 'C-1',
      elementId: 'Task_Register',
      jobKey: '2251799813685301',
      errorType: 'JOB_NO_RETRIES',
      message: 'calendar service down',
      createdAt: '2024-05-01T08:00:00.000Z',
    });
  });

  it('has no job for an incident Zeebe writes without one', () => {
    assert.equal(toIncident({ ...sdkIncident, errorType: 'CONDITION_ERROR', jobKey: '-1' }, 'C-1').jobKey, null);
  });

  it('keeps an error type the port does not know in the message', () => {
    const incident = toIncident({ ...sdkIncident, errorType: 'FORM_NOT_FOUND', errorMessage: 'no form dispatch' }, 'C-1');
    assert.equal(incident.errorType, 'UNKNOWN');
    assert.equal(incident.message, 'FORM_NOT_FOUND: no form dispatch');
  });
});

describe('ended Zeebe process instances', () => {
  const instance: SdkProcessInstance = {
    processInstanceKey: '2251799813685290',
    processDefinitionKey: '2251799813685249',
    processDefinitionId: 'case-lifecycle',
    processDefinitionName: '案件生命周期',
    processDefinitionVersion: '2',
    state: 'COMPLETED',
    startDate: '2024-05-01T08:00:00.000Z',
    endDate: '2024-05-03T08:00:00.000Z',
    tenantId: '<default>',
    hasIncident: false,
  };

  it('tells completed from cancelled and running', () => {
    assert.equal(endedState(instance), 'completed');
    assert.equal(endedState({ ...instance, state: 'TERMINATED' }), 'terminated');
    assert.equal(endedState({ ...instance, state: 'ACTIVE' }), null);
  });

  it('reports the instance with a numeric version', () => {
    assert.deepEqual(toProcessInstance(instance, 'C-1'), {
      instanceKey: '2251799813685290',
      processId: 'case-lifecycle',
      version: 2,
      businessKey: 'C-1',
    });
  });
});

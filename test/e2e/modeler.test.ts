import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserMissing, signIn, startE2e, type E2e } from './support.ts';

const serviceTaskWithoutType = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="case-notify" name="通知" isExecutable="true">
    <bpmn:startEvent id="Start" name="开始"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Task_Notify" name="发送通知"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="End" name="结束"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Notify" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Notify" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1">
    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="case-notify">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Notify_di" bpmnElement="Task_Notify"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

describe('the process modeler', { skip: browserMissing }, () => {
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(() => e2e?.close());

  it('opens a diagram and shows, in the browser, that a service task lacks its task definition', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/processes');
    const lint = page.locator('[data-test=lint-results]');
    await page.locator('[data-test=modeler-canvas] .djs-element').first().waitFor();
    await lint.locator('[data-test=lint-errors]').waitFor();

    await page.locator('[data-test=modeler-file]').setInputFiles({
      name: 'case-notify.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(serviceTaskWithoutType),
    });
    await lint.getByText('发送通知 (Task_Notify)').first().waitFor();
    const row = lint.locator('tr', { hasText: 'Task_Notify' }).filter({ hasText: 'zeebe:TaskDefinition' });
    assert.equal(await row.count(), 1, 'one finding names the missing zeebe:TaskDefinition');
    await row.getByText('错误', { exact: true }).waitFor();
    assert.ok(await page.locator('[data-test=modeler-deploy]').isDisabled(), 'a diagram with lint errors cannot be deployed');
    assert.equal(await page.locator('.djs-element.cc-lint-problem[data-element-id=Task_Notify]').count(), 1, 'the task is marked on the canvas');

    await row.click();
    await page.locator('.bio-properties-panel-header-label', { hasText: '发送通知' }).waitFor();
    await screenshot('modeler');
    assert.deepEqual(await problems(), []);
  });

  it('speaks Chinese in the palette, the context pad, the properties panel and the lint results, English in en', async () => {
    const { page, problems } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/processes');
    const createStart = page.locator('.djs-palette .entry[data-action="create.start-event"]');
    await createStart.waitFor();
    // The palette names its tools for tooltips and screen readers through aria-label.
    assert.equal(await createStart.getAttribute('aria-label'), '创建开始事件');
    await page.locator('[data-test=lint-results]').getByText('流程缺少结束事件').waitFor();

    await page.locator('.djs-element[data-element-id=StartEvent_1]').click();
    const appendEnd = page.locator('.djs-context-pad .entry[data-action="append.end-event"]');
    await appendEnd.waitFor();
    assert.equal(await appendEnd.getAttribute('title'), '追加结束事件');
    await page.locator('.bio-properties-panel-header-type', { hasText: '开始事件' }).waitFor();
    await page.locator('.bio-properties-panel-group-header', { hasText: '常规' }).waitFor();

    await page.evaluate("localStorage.setItem('citycase.locale', 'en')");
    await page.reload();
    await createStart.waitFor();
    assert.equal(await createStart.getAttribute('aria-label'), 'Create start event');
    await page.locator('[data-test=lint-results]').getByText('Process is missing end event').waitFor();
    assert.deepEqual(await problems(), []);
  });

  it('opens a deployed version, changes a label, deploys it as a new version and lists it', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/processes');
    await page.locator('[data-test=modeler-versions]').click();
    const versions = page.locator('[data-test=process-versions]');
    await versions.locator('[data-test=open-case-lifecycle-1]').click();
    const handle = page.locator('.djs-element[data-element-id=Task_Handle]');
    await handle.waitFor();
    await page.locator('[data-test=lint-errors]').getByText('错误 0').waitFor();
    await handle.click();
    const name = page.locator('#bio-properties-panel-name');
    if (!(await name.isVisible())) await page.locator('.bio-properties-panel-group-header', { hasText: '常规' }).click();
    await name.fill('部门处置');
    await handle.getByText('部门处置').waitFor();
    await page.locator('[data-test=modeler-deploy]').click();
    await page.locator('.el-message--success').getByText('已部署 case-lifecycle 第 2 版').waitFor();

    await page.locator('[data-test=modeler-versions]').click();
    await versions.locator('[data-test=open-case-lifecycle-2]').waitFor();
    await versions.locator('[data-test=open-case-lifecycle-1]').waitFor();
    await page.locator('.dialog-fade-enter-active').waitFor({ state: 'detached' });
    await screenshot('modeler-versions');
    assert.deepEqual(await problems(), []);
  });
});

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadStandardsCatalog } from './catalog.ts';
import { StandardsDataError } from './validated-json.ts';

const fixture = path.join(import.meta.dirname, 'test-fixtures', 'minimal');
const scratch = mkdtempSync(path.join(tmpdir(), 'citycase-standards-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests edit arbitrary JSON

let copies = 0;
/** A copy of the fixture tree with one file changed by `edit`. */
function brokenTree(file: string, edit: (data: Json) => void): string {
  const root = path.join(scratch, `tree-${(copies += 1)}`);
  cpSync(fixture, root, { recursive: true });
  const target = path.join(root, file);
  const data = JSON.parse(readFileSync(target, 'utf8')) as Json;
  edit(data);
  writeFileSync(target, JSON.stringify(data));
  return root;
}

function loadError(root: string, overlay?: string): StandardsDataError {
  try {
    loadStandardsCatalog({ root, overlayFile: overlay === undefined ? undefined : path.join(root, overlay) });
  } catch (error) {
    assert.ok(error instanceof StandardsDataError, `expected StandardsDataError, got ${String(error)}`);
    return error;
  }
  assert.fail('the catalogue loaded although a file is broken');
}

function assertFails(root: string, expected: { file: string; jsonPath: string; rule: string }, overlay?: string): void {
  const error = loadError(root, overlay);
  assert.equal(path.resolve(error.file), path.join(root, expected.file));
  assert.equal(error.jsonPath, expected.jsonPath);
  assert.equal(error.rule, expected.rule);
  assert.ok(error.message.startsWith(`${error.file}: ${expected.jsonPath || '/'}: ${expected.rule}: `), error.message);
}

describe('standards data checks', () => {
  it('loads the untouched fixture tree with its overlay', () => {
    const catalog = loadStandardsCatalog({ root: fixture, overlayFile: path.join(fixture, 'overlay.json') });
    assert.equal(catalog.classes('gbt47678', 'event').length, 3);
  });

  it('rejects a code that is not digits', () => {
    const root = brokenTree('gbt47678/components.json', (data) => (data.classes[1].code = '0100A'));
    assertFails(root, { file: 'gbt47678/components.json', jsonPath: '/classes/1/code', rule: 'pattern' });
  });

  it('rejects a 4-digit code in the 5-digit scheme', () => {
    const root = brokenTree('gbt47678/components.json', (data) => (data.classes[1].code = '0102'));
    assertFails(root, { file: 'gbt47678/components.json', jsonPath: '/classes/1/code', rule: 'code-format' });
  });

  it('rejects a duplicate code', () => {
    const root = brokenTree('gbt47678/components.json', (data) => (data.classes[1].code = '01001'));
    assertFails(root, { file: 'gbt47678/components.json', jsonPath: '/classes/1/code', rule: 'code-unique' });
  });

  it('rejects a class whose major class is missing', () => {
    const root = brokenTree('legacy/components.json', (data) => {
      data.classes[0].majorCode = '02';
      data.classes[0].code = '0201';
    });
    assertFails(root, { file: 'legacy/components.json', jsonPath: '/classes/0/majorCode', rule: 'parent-exists' });
  });

  it('rejects a minor code that does not start with its major code', () => {
    const root = brokenTree('gbt47678/events.json', (data) => (data.classes[1].code = '07010'));
    assertFails(root, { file: 'gbt47678/events.json', jsonPath: '/classes/1/code', rule: 'minor-starts-with-major' });
  });

  it('rejects a matter whose component does not exist', () => {
    const root = brokenTree('gbt47678/events.json', (data) => (data.classes[0].relatedComponentCode = '01077'));
    assertFails(root, { file: 'gbt47678/events.json', jsonPath: '/classes/0/relatedComponentCode', rule: 'class-exists' });
  });

  it('rejects an unknown field and names it', () => {
    const root = brokenTree('gbt47678/components.json', (data) => (data.classes[0].colour = 'blue'));
    assertFails(root, { file: 'gbt47678/components.json', jsonPath: '/classes/0/colour', rule: 'additionalProperties' });
  });

  it('rejects an unknown field inside a filing condition', () => {
    const root = brokenTree('case-rules/gbt47678.json', (data) => (data.classes[0].conditions[1].priority = 'high'));
    assertFails(root, { file: 'case-rules/gbt47678.json', jsonPath: '/classes/0/conditions/1/priority', rule: 'additionalProperties' });
  });

  it('rejects a zero deadline', () => {
    const root = brokenTree('case-rules/gbt47678.json', (data) => (data.classes[0].conditions[1].deadline.value = 0));
    assertFails(root, { file: 'case-rules/gbt47678.json', jsonPath: '/classes/0/conditions/1/deadline/value', rule: 'exclusiveMinimum' });
  });

  it('rejects an urgent condition counted in working hours', () => {
    const root = brokenTree('case-rules/gbt47678.json', (data) => (data.classes[0].conditions[0].deadline.unit = '工作时'));
    assertFails(root, { file: 'case-rules/gbt47678.json', jsonPath: '/classes/0/conditions/0/deadline/unit', rule: 'urgent-unit' });
  });

  it('rejects a condition with both a single deadline and deadlines per area grade', () => {
    const byGrade = { A: { value: 1, unit: '工作日' }, B: { value: 2, unit: '工作日' }, C: { value: 3, unit: '工作日' } };
    const root = brokenTree('case-rules/gbt47678.json', (data) => (data.classes[0].conditions[1].deadlineByGrade = byGrade));
    assertFails(root, { file: 'case-rules/gbt47678.json', jsonPath: '/classes/0/conditions/1', rule: 'deadline-exactly-one' });
  });

  it('rejects rules for a class the catalogue does not have', () => {
    const root = brokenTree('case-rules/gbt47678.json', (data) => (data.classes[0].code = '01050'));
    assertFails(root, { file: 'case-rules/gbt47678.json', jsonPath: '/classes/0/code', rule: 'class-exists' });
  });

  it('rejects a major class without a default rule', () => {
    const root = brokenTree('case-rules/defaults.json', (data) => data.defaults.splice(2, 1));
    assertFails(root, { file: 'case-rules/defaults.json', jsonPath: '/defaults', rule: 'default-missing' });
  });

  it('rejects a cross-walk entry naming a missing class', () => {
    const root = brokenTree('crosswalk/legacy-gbt47678.json', (data) => (data.entries[1].toCode = '06099'));
    assertFails(root, { file: 'crosswalk/legacy-gbt47678.json', jsonPath: '/entries/1/toCode', rule: 'class-exists' });
  });

  it('rejects an overlay that renames a missing class', () => {
    const root = brokenTree('overlay.json', (data) => (data.renames[0].code = '06099'));
    assertFails(root, { file: 'overlay.json', jsonPath: '/renames/0/code', rule: 'class-exists' }, 'overlay.json');
  });

  it('rejects an overlay that overrides the rules of a missing class', () => {
    // 01002 is a component in the fixture, not an event
    const root = brokenTree('overlay.json', (data) => Object.assign(data.ruleOverrides[0], { kind: 'event', code: '01002' }));
    assertFails(root, { file: 'overlay.json', jsonPath: '/ruleOverrides/0/code', rule: 'class-exists' }, 'overlay.json');
  });

  it('rejects an extension class that reuses a national code', () => {
    const root = brokenTree('overlay.json', (data) => (data.extensions[0].code = '06010'));
    assertFails(root, { file: 'overlay.json', jsonPath: '/extensions/0/code', rule: 'code-unique' }, 'overlay.json');
  });

  it('rejects an overlay disabling a class twice', () => {
    const root = brokenTree('overlay.json', (data) => data.disabled.push({ kind: 'component', code: '01002', reason: 'again' }));
    assertFails(root, { file: 'overlay.json', jsonPath: '/disabled/1/code', rule: 'overlay-unique' }, 'overlay.json');
  });

  it('reports a file that is not JSON', () => {
    const root = brokenTree('legacy/events.json', () => undefined);
    writeFileSync(path.join(root, 'legacy/events.json'), '{ "scheme": ');
    assertFails(root, { file: 'legacy/events.json', jsonPath: '', rule: 'json' });
  });
});

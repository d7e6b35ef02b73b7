import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { departmentTypes as serverDepartmentTypes } from '../../api/routes/departments.routes.ts';
import { apiKeyChannels as serverChannels } from '../../core/identity/api-keys.ts';
import { roleNames } from '../../core/identity/roles.ts';
import en from '../../web/src/i18n/en.ts';
import zhCN from '../../web/src/i18n/zh-CN.ts';
import { apiKeyChannels, departmentTypes } from '../../web/src/api/vocabulary.ts';
import { navigation } from '../../web/src/navigation.ts';

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const id = prefix + key;
    if (typeof value === 'string') flat.set(id, value);
    else for (const [k, v] of flatten(value, `${id}.`)) flat.set(k, v);
  }
  return flat;
}

const srcRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'src');
const sources = readdirSync(srcRoot, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
  .map((e) => ({ file: path.relative(srcRoot, path.join(e.parentPath, e.name)), text: readFileSync(path.join(e.parentPath, e.name), 'utf8') }));

const zh = flatten(zhCN as Messages);
const english = flatten(en as Messages);

describe('UI messages', () => {
  it('has every Chinese message in English too, and none empty', () => {
    assert.deepEqual([...english.keys()].sort(), [...zh.keys()].sort());
    for (const [key, text] of [...zh, ...english]) assert.notEqual(text.trim(), '', `${key} is empty`);
  });

  it('has a message for every key the screens ask for', () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const [, key] of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) if (!zh.has(key as string)) missing.push(`${file}: ${key}`);
      // t(`nav.${item.name}`): at least the group must exist; the names are checked against their lists below.
      for (const [, prefix] of text.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)) {
        if (![...zh.keys()].some((k) => k.startsWith(`${prefix}.`))) missing.push(`${file}: ${prefix}.*`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('names every role, menu entry, department type and channel the server knows', () => {
    const wanted = [
      ...roleNames.map((r) => `roles.${r}`),
      ...navigation.flatMap((g) => [`nav.${g.title}`, ...g.items.map((i) => `nav.${i.name}`)]),
      ...departmentTypes.map((d) => `departments.types.${d}`),
      ...apiKeyChannels.map((c) => `apiKeys.channels.${c}`),
      'comingSoon.dashboard',
    ];
    assert.deepEqual(wanted.filter((key) => !zh.has(key)), []);
    assert.deepEqual([...departmentTypes], [...serverDepartmentTypes]);
    assert.deepEqual([...apiKeyChannels], [...serverChannels]);
  });
});

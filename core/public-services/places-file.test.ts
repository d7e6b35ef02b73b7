import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { StandardsDataError } from '../../standards/validated-json.ts';
import { demoPlacesFile, loadPlacesFile, type PoiPlace } from './places-file.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'citycase-places-'));
const demo = JSON.parse(readFileSync(demoPlacesFile, 'utf8')) as { places: PoiPlace[] };

function fileWith(name: string, places: unknown[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify({ ...demo, places }));
  return file;
}

const fails = (jsonPath: string, rule: string) => (error: unknown) =>
  error instanceof StandardsDataError && error.jsonPath === jsonPath && error.rule === rule;

describe('loadPlacesFile', () => {
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('loads the demo city\'s toilets and parks, every park with an entrance', () => {
    const places = loadPlacesFile();
    assert.ok(places.length >= 15 && places.length <= 30, String(places.length));
    assert.ok(places.some((place) => place.kind === 'toilet' && place.componentCode));
    for (const park of places.filter((place) => place.kind === 'park')) assert.ok(park.entrances.length > 0, park.code);
  });

  it('refuses a code or a component code listed twice', () => {
    const [first, second] = demo.places as [PoiPlace, PoiPlace];
    const twice = fileWith('twice.json', [first, { ...second, code: first.code }]);
    assert.throws(() => loadPlacesFile(twice), fails('/places/1/code', 'unique'));
    const toilet = demo.places.find((place) => place.kind === 'toilet' && place.componentCode)!;
    const sameComponent = fileWith('same-component.json', [toilet, { ...toilet, code: 'DC-WC-999' }]);
    assert.throws(() => loadPlacesFile(sameComponent), fails('/places/1/componentCode', 'unique'));
  });

  it('refuses an entry its schema does not allow: a park without entrances, a toilet without a position', () => {
    const park = demo.places.find((place) => place.kind === 'park')!;
    const file = fileWith('no-entrances.json', [{ ...park, entrances: [] }]);
    assert.throws(() => loadPlacesFile(file), StandardsDataError);
    const toilet = demo.places.find((place) => place.kind === 'toilet')!;
    const { position: _position, ...withoutPosition } = toilet as Extract<PoiPlace, { kind: 'toilet' }>;
    assert.throws(() => loadPlacesFile(fileWith('no-position.json', [withoutPosition])), StandardsDataError);
  });
});

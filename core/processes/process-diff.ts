import { isDeepStrictEqual } from 'node:util';
import type { DiagramElement, DiagramFlow, DiagramStructure } from './diagram-structure.ts';

export interface PropertyChange {
  property: string;
  from: unknown;
  to: unknown;
}

export interface ChangedItem {
  id: string;
  changes: PropertyChange[];
}

export interface ItemDiff<T> {
  added: T[];
  removed: T[];
  changed: ChangedItem[];
}

export interface DiagramDiff {
  processName: PropertyChange | null;
  elements: ItemDiff<DiagramElement>;
  flows: ItemDiff<DiagramFlow>;
}

/** Items matched by id: the modeler keeps ids stable, so a renamed task is a change, not a removal and an addition. */
function diffById<T extends { id: string }>(before: T[], after: T[]): ItemDiff<T> {
  const old = new Map(before.map((item) => [item.id, item]));
  const kept = new Set(after.map((item) => item.id));
  const diff: ItemDiff<T> = { added: [], removed: before.filter((item) => !kept.has(item.id)), changed: [] };
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) {
      diff.added.push(item);
      continue;
    }
    const changes = Object.keys(item)
      .filter((property) => !isDeepStrictEqual(previous[property as keyof T], item[property as keyof T]))
      .map((property) => ({ property, from: previous[property as keyof T], to: item[property as keyof T] }));
    if (changes.length > 0) diff.changed.push({ id: item.id, changes });
  }
  return diff;
}

/** What changed from one version of a process to another. */
export function diffDiagrams(from: DiagramStructure, to: DiagramStructure): DiagramDiff {
  return {
    processName: from.processName === to.processName ? null : { property: 'name', from: from.processName, to: to.processName },
    elements: diffById(from.elements, to.elements),
    flows: diffById(from.flows, to.flows),
  };
}

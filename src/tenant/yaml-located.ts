// A YAML document as plain data plus the character range of every value and
// key, which is all a located diagnostic needs. The common layout of test and
// tenant files is read by a fast reader (yaml-subset.ts); anything else goes
// through the `yaml` package and its node tree is turned into the same shape,
// so both routes locate a value at the same place.
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A value's range: its first character and the end of its text (as the `yaml` package's node ranges). */
export type Range = readonly [start: number, valueEnd: number];

export type LocatedNode = LocatedMap | LocatedSeq | LocatedScalar;

export interface LocatedScalar {
  readonly kind: 'scalar';
  readonly range: Range;
}

export interface LocatedSeq {
  readonly kind: 'seq';
  readonly range: Range;
  /** An item that has no range (an alias) is undefined. */
  readonly items: readonly (LocatedNode | undefined)[];
}

export interface LocatedPair {
  /** The key as text; undefined for a key that is not a scalar. */
  readonly name: string | undefined;
  readonly key: LocatedNode | undefined;
  readonly value: LocatedNode | undefined;
}

export interface LocatedMap {
  readonly kind: 'map';
  readonly range: Range;
  readonly pairs: readonly LocatedPair[];
}

/** The located shape of a document the `yaml` package parsed. */
export function locatedFromDocument(doc: Document.Parsed): LocatedNode | undefined {
  return located(doc.contents);
}

function located(node: unknown): LocatedNode | undefined {
  if (isMap(node)) {
    const pairs: LocatedPair[] = [];
    for (const p of node.items) {
      if (!isPair(p)) continue;
      pairs.push({ name: keyText(p.key), key: located(p.key), value: located(p.value) });
    }
    return { kind: 'map', range: rangeOf(node), pairs };
  }
  if (isSeq(node)) return { kind: 'seq', range: rangeOf(node), items: node.items.map(located) };
  if (isScalar(node)) return { kind: 'scalar', range: rangeOf(node) };
  return undefined;
}

function rangeOf(node: Node): Range {
  return node.range ? [node.range[0], node.range[1]] : [0, 0];
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}

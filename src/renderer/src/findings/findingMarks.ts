import type { ListedFinding } from '../../../shared/api/contract';
import { severities, type Severity } from '../../../shared/findings/finding';

/** What a role or relation shows for the open findings that name it. */
export interface FindingMark {
  count: number;
  worst: Severity;
  titles: string[];
}

/** Open (not acknowledged) findings by the role and relation they name. */
export interface FindingMarks {
  roles: ReadonlyMap<string, FindingMark>;
  /** Keyed by relationKey(schema, name). */
  relations: ReadonlyMap<string, FindingMark>;
}

/** The key of a relation in FindingMarks. */
export function relationKey(schema: string, name: string): string {
  return JSON.stringify([schema, name]);
}

function add(map: Map<string, FindingMark>, key: string, f: ListedFinding): void {
  const m = map.get(key);
  if (m === undefined) {
    map.set(key, { count: 1, worst: f.severity, titles: [f.title] });
    return;
  }
  m.count++;
  if (severities.indexOf(f.severity) < severities.indexOf(m.worst)) m.worst = f.severity;
  if (m.titles.length < 5) m.titles.push(f.title);
}

const computed = new WeakMap<readonly ListedFinding[], FindingMarks>();

/** Marks for a findings list, computed once per list (the list object is the cache key). */
export function marksOf(findings: readonly ListedFinding[]): FindingMarks {
  const hit = computed.get(findings);
  if (hit !== undefined) return hit;
  const roles = new Map<string, FindingMark>();
  const relations = new Map<string, FindingMark>();
  for (const f of findings) {
    if (f.acknowledged !== null) continue;
    const seen = new Set<string>();
    for (const o of f.objects) {
      const isRole = o.kind === 'role';
      const key = isRole ? o.name : relationKey(o.schema ?? '', o.name);
      if (!isRole && (o.kind === 'schema' || o.kind === 'database')) continue;
      const tag = `${isRole ? 'r' : 't'}${key}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      add(isRole ? roles : relations, key, f);
    }
  }
  const marks = { roles, relations };
  computed.set(findings, marks);
  return marks;
}

/** "2 findings, worst high" for screen readers. */
export function markWords(mark: FindingMark): string {
  return `${mark.count} finding${mark.count === 1 ? '' : 's'}, worst ${mark.worst}`;
}

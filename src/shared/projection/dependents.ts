import { changeSchema, type ChangeInput } from '../changes/schema';
import { validateChanges, type ValidationContext } from '../changes/validate';

/** The schemas named by a change, as [database, schema] pairs. */
function schemasNamed(input: ChangeInput): [string, string][] {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return [];
  const c = parsed.data;
  switch (c.kind) {
    case 'grantTable':
    case 'revokeTable':
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema':
    case 'grantSchema':
    case 'revokeSchema':
      return [[c.database, c.schema]];
    case 'alterDefaultPrivileges':
      return c.inSchema === undefined ? [] : [[c.database, c.inSchema]];
    default:
      return [];
  }
}

/**
 * Where the server's schemas are not known, the validator would let any schema pass. Treat
 * every schema the changes name as existing, except the ones a change creates: then a grant
 * in a staged schema fails once that schema is unstaged, as it would on the server.
 */
function withNamedSchemas(changes: readonly ChangeInput[], ctx: ValidationContext): ValidationContext {
  const schemas = new Map<string, Set<string>>();
  for (const [db, names] of ctx.schemas ?? []) schemas.set(db, new Set(names));
  const created = new Set<string>();
  for (const c of changes) if (c.kind === 'createSchema') created.add(JSON.stringify([c.database, c.name]));
  for (const c of changes) {
    for (const [db, schema] of schemasNamed(c)) {
      if (ctx.schemas?.has(db) === true || created.has(JSON.stringify([db, schema]))) continue;
      let set = schemas.get(db);
      if (set === undefined) {
        set = new Set();
        schemas.set(db, set);
      }
      set.add(schema);
    }
  }
  // why: a database with no known schema is left unknown (the validator then lets its schemas pass).
  for (const c of changes) if (c.kind === 'createSchema' && !ctx.schemas?.has(c.database) && !schemas.has(c.database)) schemas.set(c.database, new Set());
  return { ...ctx, schemas };
}

/**
 * The changes that stop making sense when the changes at `removed` are unstaged: those the
 * validator (the one the backend runs before Apply, in order) accepts with everything staged
 * but rejects without the removed ones — a grant to an unstaged role, a member of an unstaged
 * group, a schema in an unstaged database — and, in turn, those that depended on them.
 * Indices into `changes`, ascending, without `removed` itself.
 */
export function dependentChanges(changes: readonly ChangeInput[], removed: readonly number[], ctx: ValidationContext): number[] {
  const context = withNamedSchemas(changes, ctx);
  const before = new Set(validateChanges(changes, context).map((p) => p.index));
  const gone = new Set(removed);
  for (;;) {
    const kept = changes.flatMap((_, i) => (gone.has(i) ? [] : [i]));
    const broken = validateChanges(kept.map((i) => changes[i]), context)
      .map((p) => kept[p.index] ?? -1)
      .filter((i) => i >= 0 && !before.has(i) && !gone.has(i));
    if (broken.length === 0) break;
    for (const i of broken) gone.add(i);
  }
  return [...gone].filter((i) => !removed.includes(i)).sort((a, b) => a - b);
}

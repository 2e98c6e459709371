import { acldefault, type AclObjectType } from '../privileges/acldefault';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { formatAclArray, parseAclArray, type AclItem } from '../privileges/aclitem';

/**
 * ACL edits done the way the server's aclupdate() does them, on aclitems that name roles
 * (the snapshot keeps ACLs as text with names). Every function returns a new list.
 */

/** Who holds or loses privileges: a role's name, or null for PUBLIC. */
export type GranteeName = string | null;

/** The hard-wired default ACL (acldefault) of an object type, with its owner named. */
export function defaultAclItems(objtype: AclObjectType, owner: string, serverMajor: number): AclItem[] {
  // why: acldefault works on oids; 1 stands for the owner here and PUBLIC_OID for PUBLIC.
  return acldefault(objtype, 1, serverMajor).map((e) => ({
    grantee: e.grantee === PUBLIC_OID ? null : owner,
    grantor: owner,
    privileges: e.privileges,
    grantOptions: e.grantOptions,
  }));
}

/** The items of a stored ACL, or of its default when it is NULL. */
export function aclItemsOrDefault(text: string | null, objtype: AclObjectType, owner: string, serverMajor: number): AclItem[] {
  return text === null ? defaultAclItems(objtype, owner, serverMajor) : parseAclArray(text);
}

/** The ACL text for items. */
export function aclText(items: readonly AclItem[]): string {
  return formatAclArray(items);
}

/** GRANT `mask` to `grantee` by `grantor`; with `withGrantOption` the options too (never for PUBLIC). */
export function grantInAcl(items: readonly AclItem[], grantee: GranteeName, grantor: string, mask: number, withGrantOption: boolean): AclItem[] {
  if (mask === 0) return [...items];
  const options = withGrantOption && grantee !== null ? mask : 0;
  const at = items.findIndex((i) => i.grantee === grantee && i.grantor === grantor);
  if (at < 0) return [...items, { grantee, grantor, privileges: mask, grantOptions: options }];
  return items.map((item, k) =>
    k === at ? { ...item, privileges: item.privileges | mask, grantOptions: item.grantOptions | options } : item,
  );
}

/**
 * REVOKE `mask` from `grantee`, for what `grantor` granted: the privileges and their grant
 * options, or only the options (`grantOptionOnly`). An entry left with nothing goes away.
 */
export function revokeInAcl(items: readonly AclItem[], grantee: GranteeName, grantor: string, mask: number, grantOptionOnly: boolean): AclItem[] {
  const out: AclItem[] = [];
  for (const item of items) {
    if (item.grantee !== grantee || item.grantor !== grantor) {
      out.push(item);
      continue;
    }
    const privileges = grantOptionOnly ? item.privileges : item.privileges & ~mask;
    const grantOptions = item.grantOptions & ~mask;
    if (privileges !== 0) out.push({ ...item, privileges, grantOptions });
  }
  return out;
}

/**
 * What REVOKE … CASCADE also takes away: privileges that `grantee` granted to others and
 * can no longer grant (it holds no grant option for them from anyone any more).
 */
export function cascadeInAcl(items: readonly AclItem[], grantee: string, mask: number): AclItem[] {
  let out = [...items];
  const held = out.filter((i) => i.grantee === grantee).reduce((m, i) => m | i.grantOptions, 0);
  const lost = mask & ~held;
  if (lost === 0) return out;
  for (const dependent of items.filter((i) => i.grantor === grantee && (i.privileges & lost) !== 0)) {
    out = revokeInAcl(out, dependent.grantee, grantee, lost, false);
    if (dependent.grantee !== null) out = cascadeInAcl(out, dependent.grantee, lost);
  }
  return out;
}

/** Every entry naming `from` (as grantee or grantor) names `to` instead: ALTER ROLE … RENAME. */
export function renameInAcl(items: readonly AclItem[], from: string, to: string): AclItem[] {
  return items.map((i) => ({ ...i, grantee: i.grantee === from ? to : i.grantee, grantor: i.grantor === from ? to : i.grantor }));
}

/** The ACL without the entries granted to any of `names` (DROP OWNED, DROP ROLE). */
export function withoutGrantees(items: readonly AclItem[], names: ReadonlySet<string>): AclItem[] {
  return items.filter((i) => i.grantee === null || !names.has(i.grantee));
}

/**
 * The ACL after the owner changes (aclnewowner): the old owner is replaced by the new one as
 * grantee and grantor, and entries that now coincide are merged.
 */
export function changeOwnerInAcl(items: readonly AclItem[], oldOwner: string, newOwner: string): AclItem[] {
  let out: AclItem[] = [];
  for (const item of renameInAcl(items, oldOwner, newOwner)) {
    const same = out.findIndex((o) => o.grantee === item.grantee && o.grantor === item.grantor);
    if (same < 0) out.push(item);
    else {
      out = out.map((o, k) =>
        k === same ? { ...o, privileges: o.privileges | item.privileges, grantOptions: o.grantOptions | item.grantOptions } : o,
      );
    }
  }
  return out;
}

/** True when two ACLs hold the same entries, whatever their order. */
export function sameAcl(a: readonly AclItem[], b: readonly AclItem[]): boolean {
  const key = (items: readonly AclItem[]) => items.map((i) => `${i.grantee ?? ''}\u0000${i.grantor}\u0000${i.privileges}\u0000${i.grantOptions}`).sort().join('\u0001');
  return key(a) === key(b);
}

import { relationKindNames, type RelationKind } from '../../../shared/catalog/snapshot';
import {
  DELETE,
  INSERT,
  MAINTAIN,
  REFERENCES,
  SELECT,
  TRIGGER,
  TRUNCATE,
  UPDATE,
  USAGE,
  formatPrivilegeLetters,
  namesOf,
} from '../../../shared/privileges/bits';

/** Privileges in the order people say them (SELECT first), for names and filters. */
export const spokenOrder = [SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN, USAGE] as const;

/** The SQL names of a mask in spoken order. */
export function spokenNames(mask: number): string[] {
  return spokenOrder.filter((bit) => (mask & bit) !== 0).flatMap((bit) => namesOf(bit));
}

/** What one cell holds, as the grid draws and names it. */
export interface CellFacts {
  privileges: number;
  grantable: number;
  superuser: boolean;
  owner: boolean;
}

/** The letters a cell shows: aclitem letters in psql's order, `*` after a grantable one. */
export function cellLetters(cell: CellFacts): string {
  return formatPrivilegeLetters(cell.privileges, cell.grantable);
}

/** The cell's accessible name, e.g. "readonly on public.users: SELECT". */
export function cellName(roleName: string, relationLabel: string, cell: CellFacts): string {
  const head = `${roleName} on ${relationLabel}: `;
  if (cell.superuser) return `${head}superuser, bypasses every check (${spokenNames(cell.privileges).join(' ')})`;
  const names = spokenNames(cell.privileges);
  let text = names.length === 0 ? 'no privileges' : names.join(' ');
  if (cell.grantable !== 0) {
    text += cell.grantable === cell.privileges ? ', all with grant option' : `, with grant option: ${spokenNames(cell.grantable).join(' ')}`;
  }
  if (cell.owner) text += ', owner';
  return head + text;
}

/** Relation kinds in words. */
export const relationKindWords: Record<RelationKind, string> = relationKindNames;

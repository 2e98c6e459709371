import { DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE, USAGE, namesOf } from './bits';
import type { CellExplanation, CellReason } from './explain';

/** How a role holds a privilege, most personal first: this order picks the one a chip shows. */
export const heldViaOrder = ['superuser', 'owner', 'direct', 'group', 'predefined', 'public'] as const;

/** How a role holds a privilege: as superuser, as the owner, by a direct grant, through a group, a predefined role, or PUBLIC. */
export type HeldVia = (typeof heldViaOrder)[number];

/** One labelled chip of a cell. */
export interface HeldChip {
  /** The privilege bit, or every relevant bit for an ALL chip. */
  bits: number;
  /** SELECT, INSERT, …, or ALL when one chip stands for every privilege the relation has. */
  label: string;
  via: HeldVia;
  /** Held with grant option. */
  grantable: boolean;
}

/** Privileges in the order people say them (SELECT first). */
export const spokenOrder = [SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN, USAGE] as const;

function viaOf(reason: CellReason): HeldVia {
  if (reason.source === 'direct' && reason.granteeIsOwner) return 'owner';
  return reason.source;
}

/**
 * A cell as labelled chips: each privilege held, with how it is held (the most personal
 * source when there are several: a grant to the role itself says more than PUBLIC's) and
 * whether with grant option. When every privilege of the relation is held the same way,
 * one ALL chip says it (owners and superusers).
 */
export function heldChips(ex: CellExplanation): HeldChip[] {
  const chips: HeldChip[] = [];
  for (const bit of spokenOrder) {
    if ((ex.privileges & bit) === 0) continue;
    let best: HeldVia | null = ex.superuser ? 'superuser' : null;
    for (const r of ex.reasons) {
      if ((r.privileges & bit) === 0) continue;
      const via = viaOf(r);
      if (best === null || heldViaOrder.indexOf(via) < heldViaOrder.indexOf(best)) best = via;
    }
    chips.push({ bits: bit, label: namesOf(bit)[0] ?? '?', via: best ?? 'direct', grantable: (ex.grantable & bit) !== 0 });
  }
  const first = chips[0];
  const same = first !== undefined && chips.every((c) => c.via === first.via && c.grantable === first.grantable);
  if (same && chips.length > 1 && ex.privileges === ex.relevant) return [{ bits: ex.relevant, label: 'ALL', via: first.via, grantable: first.grantable }];
  return chips;
}

/** How a privilege is held, in words for the cell's accessible name and the legend. */
export const heldViaWords: Record<HeldVia, string> = {
  superuser: 'as superuser',
  owner: 'as owner',
  direct: 'granted directly',
  group: 'through a group',
  predefined: 'through a predefined role',
  public: 'through PUBLIC',
};

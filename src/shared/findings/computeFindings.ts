import type { CatalogSnapshot } from '../catalog/snapshot';
import { buildFindingContext, type FindingOptions } from './context';
import { defaultPrivilegesRule } from './defaultPrivilegesRule';
import { sortFindings, type FindingsResult } from './finding';
import { redundantGrantRule, unusableGrantRule } from './grantRules';
import { deadRoleRules, memberInheritsNothingRule } from './groupRules';
import { grantShapeRules, publicConnectRule, publicCreateSchemaRule } from './publicRules';
import { grantCounts, loginRules, nearSuperuserRules, superuserRules } from './roleRules';

/**
 * Every rule over one database's snapshot: what is wrong with its access setup, each with a
 * fix made of staged changes. Pure: the clock and the connected role come in `options`.
 * Role-wide rules (superusers, logins) are the same in every database's snapshot.
 */
export function computeFindings(snapshot: CatalogSnapshot, options: FindingOptions): FindingsResult {
  const fc = buildFindingContext(snapshot, options);
  const login = loginRules(fc);
  const findings = [
    ...superuserRules(fc, grantCounts(fc)),
    ...login.findings,
    ...nearSuperuserRules(fc),
    ...publicConnectRule(fc),
    ...publicCreateSchemaRule(fc),
    ...unusableGrantRule(fc),
    ...redundantGrantRule(fc),
    ...deadRoleRules(fc),
    ...defaultPrivilegesRule(fc),
    ...memberInheritsNothingRule(fc),
    ...grantShapeRules(fc),
  ];
  return { findings: sortFindings(findings), notChecked: login.notChecked };
}

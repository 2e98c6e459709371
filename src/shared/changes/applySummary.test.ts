import { describe, expect, it } from 'vitest';
import { appliedSummary, type AppliedChange } from './applySummary';

const done = (label: string): AppliedChange => ({ status: 'done', label });
const noOp = (label: string): AppliedChange => ({ status: 'no-op', label });

describe('appliedSummary', () => {
  it('counts the changes when every one took effect, with no word about a rest', () => {
    expect(appliedSummary(Array.from({ length: 7 }, (_, i) => done(`c${i}`)))).toBe('7 changes applied.');
    expect(appliedSummary([done('a')])).toBe('1 change applied.');
  });

  it('names the changes that changed nothing', () => {
    const results = [done('a'), done('b'), noOp('Revoke ALL on public.sales from report_bot'), done('c'), done('d'), noOp('Grant SELECT on public.users to readonly'), done('e')];
    expect(appliedSummary(results)).toBe('5 applied; 2 changed nothing: Revoke ALL on public.sales from report_bot; Grant SELECT on public.users to readonly.');
  });

  it('says so when nothing changed at all', () => {
    expect(appliedSummary([noOp('Revoke INSERT on public.accounts from readonly')])).toBe(
      'Nothing changed; the change was already so: Revoke INSERT on public.accounts from readonly.',
    );
    expect(appliedSummary([noOp('a'), noOp('b')])).toBe('Nothing changed; all 2 changes were already so: a; b.');
  });

  it('counts changes whose outcome is unknown', () => {
    expect(appliedSummary([done('a'), { status: 'unknown', label: 'b' }])).toBe('1 applied; 1 unknown (check the server).');
  });
});

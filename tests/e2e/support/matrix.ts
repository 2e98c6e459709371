import type { Page } from 'playwright-core';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The privilege matrix grid. */
export const matrixGrid = (page: Page) => page.getByRole('grid', { name: 'Privilege matrix' });

/** A role's cell on a relation, found by the start of its accessible name ("readonly on public.users: …"). */
export const matrixCell = (page: Page, role: string, relation: string) =>
  matrixGrid(page).getByRole('gridcell', { name: new RegExp(`^${escapeRegExp(role)} on ${escapeRegExp(relation)}:`) });

/** The "Why <role> on <relation>" region. */
export const whyPanel = (page: Page) => page.getByRole('region', { name: /^Why / });

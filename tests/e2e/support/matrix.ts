import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The privilege matrix grid. */
export const matrixGrid = (page: Page) => page.getByRole('grid', { name: 'Privilege matrix' });

/** A role's cell on a relation, found by the start of its accessible name ("readonly on public.users: …"). */
export const matrixCell = (page: Page, role: string, relation: string) =>
  matrixGrid(page).getByRole('gridcell', { name: new RegExp(`^${escapeRegExp(role)} on ${escapeRegExp(relation)}:`) });

/** The "Why <role> on <relation>" region. */
export const whyPanel = (page: Page) => page.getByRole('region', { name: /^Why / });

/** Narrows the grid to one relation (so the cell is on screen), then opens the cell's why panel. */
export async function openWhy(page: Page, role: string, relation: string): Promise<void> {
  await page.getByLabel('Filter by role or table name').fill(relation);
  await expect.poll(() => matrixCell(page, role, relation).count(), { timeout: 20_000 }).toBe(1);
  await matrixCell(page, role, relation).click();
  await expect.poll(() => whyPanel(page).innerText()).toContain(`Why ${role} on ${relation}`);
}

/** The server's superuser warning (shown as soon as a server is current), with its fixes. */
export const superuserWarning = (page: Page) => page.getByRole('region', { name: /superusers? besides .+ on this server$/ });

import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The "Staged changes" region. */
export const stagedPanel = (page: Page) => page.getByRole('region', { name: 'Staged changes' });

/** The live SQL script of the staged changes ('' while the panel is folded to its one-line bar). */
export async function stagedScript(page: Page): Promise<string> {
  const script = stagedPanel(page).getByLabel('SQL script');
  if ((await script.count()) === 0) return '';
  return (await script.textContent()) ?? '';
}

/** Applies every staged change through the confirmation dialog and checks none failed. */
export async function applyStaged(page: Page, serverName = 'Demo server'): Promise<void> {
  const dialog = page.getByRole('dialog');
  await stagedPanel(page).getByRole('button', { name: 'Apply…' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(true);
  expect(await dialog.innerText()).toContain(serverName);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  const results = dialog.getByRole('list', { name: 'Results' });
  await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(1);
  const text = await results.innerText();
  expect(text).toMatch(/Done/);
  expect(text).not.toMatch(/Failed|Not run/);
  await dialog.getByRole('button', { name: 'OK', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

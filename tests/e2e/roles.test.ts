import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppSession } from './support/session';
import { applyStaged, stagedScript } from './support/stagedChanges';

// why: screenshots of the dialogs are for looking at while developing, not for docs/.
const shotDir = process.env.WARDEN_E2E_SHOTS ?? '/tmp';

const session = useAppSession({ width: 1280, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const tree = () => page.getByRole('tree', { name: 'Database objects' });
const item = (name: string) => tree().getByRole('treeitem', { name, exact: true });
const roles = () => page.getByRole('list', { name: 'Roles' });
const roleItem = (name: string) => roles().getByRole('listitem', { name: new RegExp(`^${name}\\b`) });
const dialog = () => page.getByRole('dialog');

async function expand(name: string): Promise<void> {
  const node = item(name);
  await node.click();
  if ((await node.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await expect.poll(() => node.getAttribute('aria-expanded')).toBe('true');
}

describe('editing and dropping roles on the demo server', () => {
  it('edits data_viewer: a connection limit, a new password, and out of readonly', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => item('datatweets').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => roleItem('data_viewer').count()).toBe(1);
    // Nobody is offered to drop the connected role, which is also initdb's superuser.
    await expect.poll(() => page.getByRole('button', { name: 'Edit role postgres' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Drop role postgres' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit role data_viewer' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    expect(await dialog().getByLabel('Name').inputValue()).toBe('data_viewer');
    expect(await dialog().getByLabel('Superuser (SUPERUSER)').isChecked()).toBe(true);
    expect(await dialog().getByRole('group', { name: 'Member of' }).getByLabel(/readonly/).isChecked()).toBe(true);
    // The superuser trap, said where it can be fixed.
    expect(await dialog().getByRole('note').first().innerText()).toMatch(/data_viewer is a superuser, so it bypasses every permission check/);

    // Nothing changed yet: the form says so instead of staging an empty change.
    await dialog().getByRole('button', { name: 'Stage changes' }).click();
    await expect.poll(() => dialog().getByRole('alert').textContent()).toMatch(/Nothing has changed/);

    await dialog().getByLabel('Connection limit').fill('5');
    await dialog().getByLabel('Set a new password').check();
    await dialog().getByLabel('New password', { exact: true }).fill('n3w-s3cret');
    await dialog().getByLabel('Repeat new password').fill('typo');
    await dialog().getByRole('group', { name: 'Member of' }).getByLabel(/readonly/).uncheck();
    await dialog().getByRole('button', { name: 'Stage changes' }).click();
    // The mismatch shows next to its field, which gets the focus; nothing is staged.
    const repeat = dialog().getByLabel('Repeat new password');
    await expect.poll(() => repeat.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('new-password');
    expect(await dialog().getByText('The two passwords differ.').count()).toBe(1);
    await repeat.fill('n3w-s3cret');
    await page.screenshot({ path: `${shotDir}/warden-edit-role.png` });
    await dialog().getByRole('button', { name: 'Stage changes' }).click();
    await expect.poll(() => dialog().count()).toBe(0);

    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('REVOKE readonly FROM data_viewer;');
    const script = await stagedScript(page);
    // why: the shown (and exported) script leaves the verifier out; Apply still sends it.
    expect(script).toContain('ALTER ROLE data_viewer CONNECTION LIMIT 5;');
    expect(script).toContain('\\password data_viewer');
    expect(script).not.toContain('SCRAM-SHA-256');
    expect(script).not.toContain('n3w-s3cret');
    expect(script).not.toMatch(/SUPERUSER|LOGIN|INHERIT|VALID UNTIL/);

    await applyStaged(page);
    await expect.poll(() => roleItem('data_viewer').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/member of no group/);
    expect(await roleItem('data_viewer').innerText()).toMatch(/CONNECTION LIMIT 5/);
  });

  it('drops a role that owns a schema: its objects go to the connected user', async () => {
    // Set up: user temp_owner and schema scratch owned by it, through the forms.
    await page.getByRole('button', { name: 'New user' }).click();
    await dialog().getByLabel('Name').fill('temp_owner');
    await dialog().getByLabel('No password').check();
    await dialog().getByRole('button', { name: 'Stage user' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await applyStaged(page);
    await expect.poll(() => roleItem('temp_owner').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'New schema' }).click();
    await expect.poll(() => dialog().getByLabel('Owner').locator('option', { hasText: 'temp_owner' }).count()).toBe(1);
    await dialog().getByLabel('Database').selectOption('datatweets');
    await dialog().getByLabel('Name').fill('scratch');
    await dialog().getByLabel('Owner').selectOption('temp_owner');
    await dialog().getByRole('button', { name: 'Stage schema' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await applyStaged(page);

    await page.getByRole('button', { name: 'Drop role temp_owner' }).click();
    const footprint = dialog().getByRole('group', { name: 'What temp_owner owns and holds' });
    await expect.poll(() => footprint.count(), { timeout: 20_000 }).toBe(1);
    const datatweets = footprint.getByRole('region', { name: /^datatweets/ });
    expect(await datatweets.innerText()).toMatch(/Owns schemas \(1\):\s*scratch/);
    expect(await dialog().getByLabel('New owner of its objects').inputValue()).toBe('postgres');
    const plan = dialog().getByRole('region', { name: 'Changes to stage' });
    expect(await plan.getByRole('listitem').allInnerTexts()).toEqual([
      'Give everything temp_owner owns in datatweets to postgres',
      'Drop what temp_owner owns in datatweets and revoke its privileges there',
      'Drop role temp_owner',
    ]);
    await page.screenshot({ path: `${shotDir}/warden-drop-role.png` });
    await dialog().getByRole('button', { name: 'Stage drop' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain(
      'REASSIGN OWNED BY temp_owner TO postgres;\nDROP OWNED BY temp_owner;\nDROP ROLE temp_owner;',
    );
    await applyStaged(page);
    await expect.poll(() => roleItem('temp_owner').count(), { timeout: 20_000 }).toBe(0);

    // The schema stays, owned by postgres now.
    await expand('datatweets');
    await expect.poll(() => item('scratch').count(), { timeout: 20_000 }).toBe(1);
    await item('scratch').click();
    const details = page.getByRole('region', { name: /scratch/ });
    await expect.poll(() => details.innerText()).toMatch(/Owner\s*postgres/);
  });

  it('shows everything the lesson owner datatweets owns, and says why a database it could not open does not block the drop', async () => {
    await page.getByRole('button', { name: 'Drop role datatweets' }).click();
    const footprint = dialog().getByRole('group', { name: 'What datatweets owns and holds' });
    await expect.poll(() => footprint.count(), { timeout: 20_000 }).toBe(1);
    const text = await footprint.innerText();
    expect(text).toMatch(/Owns the database itself/);
    expect(text).toMatch(/Owns tables, views and sequences \(\d+\)/);
    expect(text).toMatch(/template0\s*not checked/);
    expect(await dialog().getByRole('note').innerText()).toMatch(/could not open template0, but the server's shared dependency records show\s+nothing of datatweets there/);
    // A tall window, so the whole dialog is in the picture.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.screenshot({ path: `${shotDir}/warden-drop-datatweets.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });
});

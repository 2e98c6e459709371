import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentMajor } from '../support/testServer';
import { matrixGrid, whyPanel } from './support/matrix';
import { addServerByUrl, expandItem, selectItem, useOwnServer } from './support/ownServers';
import { useAppSession } from './support/session';

// why: a fast scroll of a big grid is painted on a canvas while the DOM window waits
// (useScrollPainter.ts, issue 11 item 5). This checks, on a grid many views tall and wide,
// that the canvas stands in only while it moves, that the DOM grid is back where the
// scroll stopped, that a click in mid-scroll opens the cell under the pointer, and that
// the keyboard still reaches the far corner with the focused cell in view.

const tables = 400;
const roles = 150;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const session = useAppSession({ width: 1280, height: 800 });
let page: Page;
const own = useOwnServer('scroll', currentMajor);

beforeAll(async () => {
  page = session().page;
  const c = await own().server.connect(own().database);
  try {
    const sql = ['CREATE SCHEMA wide', 'CREATE ROLE wide_read NOLOGIN'];
    for (let i = 0; i < tables; i++) sql.push(`CREATE TABLE wide.t_${pad(i, 3)} (id int)`);
    for (let i = 0; i < roles; i++) sql.push(`CREATE ROLE wide_u_${pad(i, 3)} LOGIN`);
    sql.push('GRANT SELECT ON ALL TABLES IN SCHEMA wide TO wide_read');
    sql.push(`GRANT wide_read TO ${Array.from({ length: roles / 2 }, (_, i) => `wide_u_${pad(i * 2, 3)}`).join(', ')}`);
    for (let i = 0; i < tables; i += 7) sql.push(`GRANT INSERT, UPDATE ON wide.t_${pad(i, 3)} TO wide_u_${pad(i % roles, 3)}`);
    await c.query(sql.join(';\n'));
  } finally {
    await c.end();
  }
}, 120_000);

const grid = () => matrixGrid(page);

/**
 * The cell at a point of the page (the grid's centre unless told), as the DOM has it (the
 * canvas lets the pointer through): its data position and the one the scroll offsets say.
 */
const centre = (point?: { x: number; y: number }) =>
  grid().evaluate((g, p: { x: number; y: number } | null) => {
    const box = g.getBoundingClientRect();
    const x = p?.x ?? box.left + g.clientWidth / 2;
    const y = p?.y ?? box.top + g.clientHeight / 2;
    const hit = document.elementFromPoint(x, y)?.closest('[role="gridcell"]');
    const expected = `${Math.floor((y - box.top + g.scrollTop - 40) / 24)}:${Math.floor((x - box.left + g.scrollLeft - 180) / 136)}`;
    return { at: hit?.getAttribute('data-pos') ?? null, name: hit?.getAttribute('aria-label') ?? null, expected, x, y };
  }, point ?? null);
const canvasShown = () => page.locator('canvas.matrix-canvas').evaluate((c) => getComputedStyle(c).display !== 'none');

describe('scrolling a grid many views big', () => {
  it('opens the matrix of the wide database', async () => {
    await page.goto(session().app.url);
    await addServerByUrl(page, own().url, 'Scroll server', false);
    await expandItem(page, 'Scroll server');
    await selectItem(page, own().database);
    await expect.poll(() => page.locator('.matrix-summary').innerText(), { timeout: 60_000 }).toMatch(/^15\d roles × 40\d relations$/);
    expect(await canvasShown()).toBe(false);
    expect((await centre()).at).toBe((await centre()).expected);
  });

  it('paints a fast scroll on the canvas while the DOM waits, then the DOM grid stands where it stopped', async () => {
    const during = await grid().evaluate(async (g) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.matrix-canvas');
      let seen = { shown: false, domCellAtCentre: true, inked: 0 };
      for (let i = 0; i < 30; i++) {
        g.scrollTop += 240;
        if (i % 2 === 0) g.scrollLeft += 160;
        await new Promise((r) => requestAnimationFrame(r));
        if (i === 20 && canvas !== null) {
          const box = g.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + g.clientWidth / 2, box.top + g.clientHeight / 2);
          // How much of the canvas is not the background: the painting is not blank.
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
          let inked = 0;
          for (let p = 0; p < pixels.length; p += 4) if (pixels[p] !== pixels[0] || pixels[p + 1] !== pixels[1] || pixels[p + 2] !== pixels[2]) inked++;
          seen = { shown: getComputedStyle(canvas).display !== 'none', domCellAtCentre: hit?.closest('[role="gridcell"]') != null, inked: inked / (pixels.length / 4) };
        }
      }
      return seen;
    });
    expect(during.shown).toBe(true);
    // 20 steps of 10 rows took the view far past the DOM window it had: the DOM waited.
    expect(during.domCellAtCentre).toBe(false);
    expect(during.inked).toBeGreaterThan(0.05);
    await expect.poll(canvasShown, { timeout: 5_000 }).toBe(false);
    const after = await centre();
    expect(after.at).not.toBeNull();
    expect(after.at).toBe(after.expected);
    expect(await grid().getByRole('gridcell').count()).toBeLessThan(1_500);
  });

  it('opens the cell under the pointer when it is clicked in mid-scroll', async () => {
    await grid().evaluate((g) => {
      const w = window as unknown as { keepScrolling?: number };
      w.keepScrolling = window.setInterval(() => g.dispatchEvent(new Event('scroll')), 30);
    });
    await expect.poll(canvasShown).toBe(true);
    await grid().evaluate((g) => {
      g.scrollTop -= 1_800;
      g.scrollLeft += 1_500;
    });
    const target = await centre();
    await page.mouse.click(target.x, target.y);
    await grid().evaluate(() => window.clearInterval((window as unknown as { keepScrolling?: number }).keepScrolling));
    await expect.poll(canvasShown, { timeout: 5_000 }).toBe(false);
    // The why panel took room at the grid's right: the clicked point is read again, not the centre.
    const landed = await centre(target);
    expect(landed.at).toBe(landed.expected);
    expect(landed.at).toBe(target.expected);
    const name = landed.name ?? '';
    const [, role, relation] = /^(\S+) on (\S+):/.exec(name) ?? [];
    expect(role).toMatch(/^wide_u_\d{3}$|^wide_read$/);
    await expect.poll(() => whyPanel(page).innerText()).toContain(`Why ${role} on ${relation}`);
  });

  it('takes the keyboard to the far corner and back with the focused cell in view', async () => {
    const lastRelation = `wide.t_${pad(tables - 1, 3)}`;
    await grid().locator('[tabindex="0"]').focus();
    await page.keyboard.press('Control+End');
    const inView = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const g = el?.closest<HTMLElement>('[role="grid"]');
        if (!el || !g) return { name: '', inView: false };
        const box = el.getBoundingClientRect();
        const view = g.getBoundingClientRect();
        const whole = box.left >= view.left + 180 - 1 && box.right <= view.left + g.clientWidth + 1 && box.top >= view.top + 40 - 1 && box.bottom <= view.top + g.clientHeight + 1;
        return { name: el.getAttribute('aria-label') ?? '', inView: whole };
      });
    await expect.poll(async () => (await inView()).name, { timeout: 10_000 }).toMatch(new RegExp(`^wide_u_${pad(roles - 1, 3)} on ${lastRelation.replace('.', '\\.')}:`));
    expect((await inView()).inView).toBe(true);
    await page.keyboard.press('Control+Home');
    await expect.poll(async () => (await inView()).name, { timeout: 10_000 }).toMatch(/^\S+ on \S+:/);
    const home = await inView();
    expect(home.inView).toBe(true);
    expect(await grid().evaluate((g) => [g.scrollTop, g.scrollLeft])).toEqual([0, 0]);
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/support/browser';

// `npm run screenshots`: the README's pictures, taken from browser-mode Warden (the built
// out/) on a fresh demo server in a real Chromium. No test writes into docs/; this does.

const root = process.cwd();
const shotsDir = join(root, 'docs', 'screenshots');
const readmePath = join(root, 'README.md');

/** One picture: its file, the README's alt text, and how to get the page there. */
interface Shot {
  file: string;
  alt: string;
  take: (page: Page) => Promise<void>;
}

const waitFor = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const tree = (page: Page, name: string) => page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name, exact: true });
const cell = (page: Page, role: string, rel: string) =>
  page.getByRole('grid', { name: 'Privilege matrix' }).getByRole('gridcell', { name: new RegExp(`^${role} on ${rel.replace('.', '\\.')}:`) });

/** Selects a tree item from the keyboard (a click can miss while the tree loads). */
async function select(page: Page, name: string, expand = false): Promise<void> {
  const node = tree(page, name);
  await waitFor(`tree item ${name}`, async () => (await node.count()) === 1);
  await node.focus();
  await page.keyboard.press('Enter');
  if (expand && (await node.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
}

async function openDatabase(page: Page): Promise<void> {
  await select(page, 'datatweets');
  await waitFor('the matrix', async () => (await cell(page, 'readonly', 'public.users').count()) === 1);
}

const shots: Shot[] = [
  {
    file: 'tree.png',
    alt: 'The tree, the roles list (initdb’s superuser apart from the risky data_viewer) and the server’s superuser warning',
    take: async (page) => {
      await select(page, 'Demo server');
      await select(page, 'datatweets', true);
      await select(page, 'public', true);
      await waitFor('the tables', async () => (await tree(page, 'users').count()) === 1);
      await select(page, 'users');
    },
  },
  {
    file: 'matrix.png',
    alt: 'The privilege matrix in psql letters, with the why panel for readonly on public.users',
    take: async (page) => {
      await openDatabase(page);
      await cell(page, 'readonly', 'public.users').focus();
      await page.keyboard.press('Enter');
      await waitFor('the why panel', async () => (await page.getByRole('region', { name: /^Why readonly/ }).count()) === 1);
    },
  },
  {
    file: 'matrix-labels.png',
    alt: 'The same matrix with labelled chips: owner, direct grant, PUBLIC and superuser drawn apart',
    take: async (page) => {
      await openDatabase(page);
      await page.getByRole('region', { name: 'Legend' }).getByRole('button', { name: 'Labels' }).click();
      await page.getByLabel('Filter by role or table name').fill('users');
      await waitFor('the chips', async () => (await cell(page, 'readwrite', 'public.users').locator('.chip').count()) === 4);
    },
  },
  {
    file: 'changes.png',
    alt: 'Staged changes: the superuser fix and a grant staged from the keyboard, with the live script',
    take: async (page) => {
      await openDatabase(page);
      await page.getByRole('button', { name: 'Stage this fix: take superuser away from data_viewer' }).click();
      await cell(page, 'readonly', 'public.sales').focus();
      await page.keyboard.press('a');
      await waitFor('the script', async () => ((await page.getByLabel('SQL script').textContent()) ?? '').includes('GRANT INSERT'));
    },
  },
];

/** Points each README image at its shot with the current alt text; a missing reference is an error. */
async function updateReadme(): Promise<void> {
  let text = await readFile(readmePath, 'utf8');
  for (const shot of shots) {
    const ref = new RegExp(`!\\[[^\\]]*\\]\\(docs/screenshots/${shot.file.replace('.', '\\.')}\\)`);
    if (!ref.test(text)) throw new Error(`README.md has no image for docs/screenshots/${shot.file}; add a line ![…](docs/screenshots/${shot.file}).`);
    text = text.replace(ref, `![${shot.alt}](docs/screenshots/${shot.file})`);
  }
  await writeFile(readmePath, text);
}

/** Starts out/main/serve.js with the demo server on a fresh data folder; resolves once the demo is ready. */
async function startWarden(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js')], {
    cwd: root,
    env: { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0', WARDEN_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(log);
      if (m?.[1] && /Demo server ready/.test(log)) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Warden exited (${String(code)}):\n${log}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const dataDir = await mkdtemp(join(tmpdir(), 'warden-screenshots-'));
const app = await startWarden(join(dataDir, 'data'));
const browser = await launchChromium();
try {
  // why: @sparticuz/chromium runs single-process, where a second context fails; one page,
  // reloaded with its storage cleared, keeps each shot's staged changes and mode to itself.
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const origin = new URL(app.url).origin;
  await page.goto(app.url);
  for (const shot of shots) {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${origin}/`);
    await shot.take(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shotsDir, shot.file) });
    console.log(`docs/screenshots/${shot.file}`);
  }
  await updateReadme();
  console.log('README.md: image references updated.');
} finally {
  await browser.close();
  app.stop();
  // why: give the demo server a moment to shut down before its folder goes.
  await new Promise((r) => setTimeout(r, 2000));
  await rm(dataDir, { recursive: true, force: true });
}

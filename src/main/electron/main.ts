import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell, type Session, type WebContents } from 'electron';
import { createBackend, type Backend } from '../backend/backend';
import { createIpcHandler, invokeChannel, trustedRendererUrl } from '../transports/ipc';
import { createSafeStorageSealer } from './safeStorageSealer';
import { createCsvFileChooser, createScriptSaver, writePrivateFile, type SaveDialogOptions } from './scriptSaver';
import {
  contentSecurityPolicy,
  devServerUrl,
  externalLinkUrl,
  mainWindowConstructorOptions,
  permissionAllowed,
} from './windowOptions';

// why: paths are relative to this built file (out/main/index.js), which works both from the
// repo and from inside app.asar.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererIndexPath = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const findingsWorker = new URL('./findingsWorker.js', import.meta.url);
const devUrl = devServerUrl(process.env, app.isPackaged);
const isTrustedUrl = trustedRendererUrl(pathToFileURL(rendererIndexPath).href, devUrl);
const csp = contentSecurityPolicy(devUrl);
/** Longest we wait for in-flight work to drain on quit before quitting anyway. */
const closeTimeoutMs = 5_000;

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let quitState: 'running' | 'closing' | 'closed' = 'running';

if (app.requestSingleInstanceLock()) {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend !== null && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('before-quit', (event) => {
    if (quitState === 'closed' || backend === null) return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void closeBackend(backend).finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });
  app.whenReady().then(start, fail);
} else {
  // why: a second copy would share the data directory and the demo server; the first one
  // is focused instead (see 'second-instance').
  app.quit();
}

function start(): void {
  hardenSession(session.defaultSession);
  // why: attached to the window, the dialog is modal to it and cannot be lost behind it.
  const showSaveDialog = (options: SaveDialogOptions) => (mainWindow === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(mainWindow, options));
  backend = createBackend({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    sealer: createSafeStorageSealer(),
    findingsWorker,
    saveScript: createScriptSaver({ showSaveDialog, writeFile: writePrivateFile, defaultDir: app.getPath('documents') }),
    // why: the CSV streams from a worker thread into the file chosen here, before any row is written.
    chooseExportFile: createCsvFileChooser({ showSaveDialog, defaultDir: app.getPath('documents') }),
    exportWorker: new URL('./exportWorker.js', import.meta.url),
  });
  ipcMain.handle(invokeChannel, createIpcHandler(backend.dispatch, isTrustedUrl));
  openMainWindow();
}

function openMainWindow(): void {
  const window = new BrowserWindow(mainWindowConstructorOptions(preloadPath));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  const loading = devUrl === undefined ? window.loadFile(rendererIndexPath) : window.loadURL(devUrl);
  loading.catch((err: unknown) => console.error(`[warden] could not load the window: ${describe(err)}`));
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Applied to every webContents: no new windows, no navigation away, no webviews. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    if (isTrustedUrl(event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permissions (see permissionAllowed) and a CSP header on our own pages. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, isTrustedUrl)),
  );
  ses.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? contents?.getURL(), isTrustedUrl),
  );
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isTrustedUrl(details.url)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

function openExternally(url: string): void {
  const link = externalLinkUrl(url);
  if (link === null) return;
  shell.openExternal(link).catch((err: unknown) => console.error(`[warden] could not open a link: ${describe(err)}`));
}

/** Drains the backend (pools, demo server) but never holds quitting hostage. */
async function closeBackend(running: Backend): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[warden] shutdown took longer than ${closeTimeoutMs} ms; quitting anyway`);
      resolve();
    }, closeTimeoutMs);
  });
  try {
    await Promise.race([running.close(), timeout]);
  } catch (err) {
    console.error(`[warden] shutdown failed: ${describe(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

function fail(err: unknown): void {
  console.error(`[warden] could not start: ${describe(err)}`);
  app.exit(1);
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

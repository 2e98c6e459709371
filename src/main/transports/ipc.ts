import type { Dispatch } from '../backend/dispatcher';
import type { Envelope } from '../../shared/api/envelope';

/** The one IPC channel: the preload invokes it, main answers with an envelope. */
export const invokeChannel = 'warden:invoke';

/** The part of Electron's IpcMainInvokeEvent the handler reads (kept structural: no electron import). */
export interface IpcInvokeEvent {
  /** The frame that sent the message; null once it has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
  /** The window's contents; its main frame is the only one allowed to call. */
  readonly sender: { readonly mainFrame: unknown };
}

/** What `ipcMain.handle(invokeChannel, …)` is given. */
export type IpcHandler = (event: IpcInvokeEvent, method: unknown, input: unknown, requestId?: unknown) => Promise<Envelope<unknown>>;

/** Says whether a frame URL is one of our own renderer pages. */
export type UrlPredicate = (url: string) => boolean;

const forbidden: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from a Warden window.' },
};

/**
 * Builds the IPC handler: refuses senders that are gone, are not the window's main frame,
 * or are not our page, else forwards
 * to the dispatcher (which refuses unknown methods and checks input). Never throws.
 */
export function createIpcHandler(dispatch: Dispatch, isTrustedUrl: UrlPredicate): IpcHandler {
  return async (event, method, input, requestId) => {
    const frame = event.senderFrame;
    // why: only the app's own top-level page may call; a subframe (even one of our URL, were
    // one ever embedded) gets nothing, whatever its origin.
    if (frame === null || frame.parent !== null || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url)) return forbidden;
    try {
      return await dispatch(method, input, requestId);
    } catch {
      // why: Dispatch promises never to throw; if it does anyway, the renderer still gets an
      // envelope rather than Electron's "Error invoking remote method" with internals in it.
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Warden; details are in its log.' } };
    }
  };
}

/**
 * The trust rule for renderer frames: exactly our built index.html (hash and query ignored),
 * or, in development, any page with the same origin as the dev server.
 */
export function trustedRendererUrl(rendererIndexFileUrl: string, devServerUrl?: string): UrlPredicate {
  const index = parse(rendererIndexFileUrl);
  if (index?.protocol !== 'file:') throw new Error(`The renderer index must be a file: URL, not ${rendererIndexFileUrl}.`);
  const indexPath = filePath(index);
  const dev = devServerUrl === undefined ? null : parse(devServerUrl);
  if (devServerUrl !== undefined && (dev === null || !isHttp(dev))) {
    throw new Error(`The dev server URL must be http(s), not ${devServerUrl}.`);
  }
  return (url) => {
    const candidate = parse(url);
    if (candidate === null) return false;
    if (candidate.protocol === 'file:') {
      // why: loadFile and pathToFileURL may percent-encode the same path differently, so
      // compare decoded paths rather than href strings.
      return indexPath !== null && candidate.host === index.host && filePath(candidate) === indexPath;
    }
    return dev !== null && isHttp(candidate) && candidate.origin === dev.origin;
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function filePath(url: URL): string | null {
  // why: an encoded separator would let two different strings name one file on some systems.
  if (/%2f|%5c/i.test(url.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Things a request should tell the user besides its answer ("the server restarted; Warden
 * reconnected"). The dispatcher opens a collection around each request and puts what was
 * noted into the envelope; code deep in the backend (the connection registry) notes them
 * without passing a context along.
 */
const storage = new AsyncLocalStorage<string[]>();

/** Runs `fn`, collecting the notices noted while it runs (also when it fails). */
export async function collectNotices<T>(fn: () => Promise<T>): Promise<{ value: T; notices: string[] }> {
  const notices: string[] = [];
  const value = await storage.run(notices, fn);
  return { value, notices };
}

/** Notes something the current request should tell the user; outside a request it is dropped. */
export function addNotice(text: string): void {
  const notices = storage.getStore();
  if (notices !== undefined && !notices.includes(text)) notices.push(text);
}

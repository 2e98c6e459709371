/** What the Electron preload exposes: one generic call that resolves to a reply envelope. */
interface WardenBridge {
  invoke(method: string, input: unknown, requestId?: string): Promise<unknown>;
}

interface Window {
  /** Present only inside Electron; the browser build talks HTTP instead. */
  warden?: WardenBridge;
}

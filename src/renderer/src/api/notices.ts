/** One thing the backend asked to tell the user besides an answer ("Warden reconnected to …"). */
export interface Notice {
  readonly id: number;
  readonly text: string;
}

/**
 * What the backend said besides its answers, newest last, for the banner that shows them. The
 * same words are kept once; at most `limit` stay.
 */
export class Notices {
  private items: readonly Notice[] = [];
  private readonly listeners = new Set<() => void>();
  private next = 1;

  constructor(private readonly limit = 3) {}

  /** Adds a notice (a repeat of one still shown is dropped). */
  push(text: string): void {
    if (this.items.some((n) => n.text === text)) return;
    this.update([...this.items, { id: this.next++, text }].slice(-this.limit));
  }

  /** Takes a notice away (the user dismissed it). */
  dismiss(id: number): void {
    this.update(this.items.filter((n) => n.id !== id));
  }

  /** The notices shown now (a stable array until it changes). */
  list(): readonly Notice[] {
    return this.items;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(next: readonly Notice[]): void {
    this.items = next;
    for (const listener of this.listeners) listener();
  }
}

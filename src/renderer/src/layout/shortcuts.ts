/** What a shortcut does. */
export type ShortcutAction = 'help' | 'filter' | 'reload' | 'apply' | 'export';

/** One line of the help dialog. */
export interface ShortcutHelp {
  keys: string;
  what: string;
}

/** The keys of a keydown, and where it happened. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Focus is in a field that takes text (input, textarea, select, contenteditable). */
  inTextField: boolean;
  /** A modal dialog is open: only it takes keys then. */
  inDialog: boolean;
}

/**
 * The window-wide shortcut a key press stands for, or null. Single keys (?, /, Shift+R) only
 * act outside text fields, so typing is never taken; Ctrl (⌘ on macOS) shortcuts act anywhere
 * but in a dialog.
 */
export function shortcutFor(k: KeyPress): ShortcutAction | null {
  if (k.inDialog) return null;
  const mod = k.ctrlKey || k.metaKey;
  if (mod && !k.altKey && k.key === 'Enter' && !k.shiftKey) return 'apply';
  if (mod && !k.altKey && k.shiftKey && k.key.toLowerCase() === 'e') return 'export';
  if (mod || k.altKey || k.inTextField) return null;
  if (k.key === '?') return 'help';
  if (k.key === '/') return 'filter';
  if (k.key === 'R' && k.shiftKey) return 'reload';
  return null;
}

/** Every shortcut, for the help dialog (window-wide ones, then the grid's and the splitters'). */
export const shortcutHelp: readonly ShortcutHelp[] = [
  { keys: '?', what: 'Show these shortcuts' },
  { keys: '/', what: 'Filter the matrix by role or table name' },
  { keys: 'Shift+R', what: 'Reload: read the current server again (tree, roles, matrix)' },
  { keys: 'Ctrl+Enter (⌘+Enter)', what: 'Apply the staged changes (asks first)' },
  { keys: 'Ctrl+Shift+E (⌘+Shift+E)', what: 'Export the staged changes as a .sql file' },
  { keys: 'Arrows, Page Up/Down, Home, End', what: 'Move between matrix cells (Ctrl+Home / Ctrl+End: first and last cell)' },
  { keys: 'Enter or Space', what: 'Explain the focused cell: why the role holds what it holds' },
  { keys: 'r a w d D x t m U', what: 'On a focused cell: stage (or unstage) granting or revoking SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN, USAGE' },
  { keys: 'Escape', what: 'Close the explanation or a dialog; focus goes back where it was' },
  { keys: 'Arrows on a separator', what: 'Resize a panel (Shift: faster; Home / End: smallest / largest; Enter: fold or unfold)' },
  { keys: 'Tab, Shift+Tab', what: 'Move between controls; every action has a button' },
];

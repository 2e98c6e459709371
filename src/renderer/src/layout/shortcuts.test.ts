import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from './shortcuts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inTextField: false,
  inDialog: false,
  ...more,
});

describe('shortcutFor', () => {
  it('maps the window-wide shortcuts', () => {
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('help');
    expect(shortcutFor(press('/'))).toBe('filter');
    expect(shortcutFor(press('R', { shiftKey: true }))).toBe('reload');
    expect(shortcutFor(press('Enter', { ctrlKey: true }))).toBe('apply');
    expect(shortcutFor(press('Enter', { metaKey: true }))).toBe('apply');
    expect(shortcutFor(press('E', { ctrlKey: true, shiftKey: true }))).toBe('export');
  });

  it('leaves typing alone: single keys do nothing in a text field, Ctrl shortcuts still work', () => {
    expect(shortcutFor(press('?', { inTextField: true }))).toBeNull();
    expect(shortcutFor(press('/', { inTextField: true }))).toBeNull();
    expect(shortcutFor(press('R', { shiftKey: true, inTextField: true }))).toBeNull();
    expect(shortcutFor(press('Enter', { ctrlKey: true, inTextField: true }))).toBe('apply');
  });

  it('does nothing while a dialog is open, or for other keys and modifiers', () => {
    expect(shortcutFor(press('?', { inDialog: true }))).toBeNull();
    expect(shortcutFor(press('Enter', { ctrlKey: true, inDialog: true }))).toBeNull();
    expect(shortcutFor(press('r'))).toBeNull();
    expect(shortcutFor(press('/', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('Enter'))).toBeNull();
    expect(shortcutFor(press('Enter', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

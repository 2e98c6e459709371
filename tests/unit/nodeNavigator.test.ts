import { afterEach, describe, expect, it } from 'vitest';
import { defineNodeNavigator } from '../../src/main/cli/nodeNavigator';

const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

describe('defineNodeNavigator', () => {
  afterEach(() => {
    if (had === undefined) Reflect.deleteProperty(globalThis, 'navigator');
    else Object.defineProperty(globalThis, 'navigator', had);
  });

  it('defines navigator.userAgent as Node.js 21+ do, so pg never builds a fetch Response to look for Cloudflare', () => {
    Reflect.deleteProperty(globalThis, 'navigator');
    defineNodeNavigator();
    const major = process.versions.node.split('.')[0];
    expect((globalThis as { navigator?: { userAgent: string } }).navigator?.userAgent).toBe(`Node.js/${major}`);
  });

  it('leaves a navigator that exists alone', () => {
    const own = { userAgent: 'Cloudflare-Workers' };
    Object.defineProperty(globalThis, 'navigator', { value: own, configurable: true });
    defineNodeNavigator();
    expect((globalThis as { navigator?: unknown }).navigator).toBe(own);
  });
});

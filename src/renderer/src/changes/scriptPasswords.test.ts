import { describe, expect, it } from 'vitest';
import type { ChangeInput } from '../../../shared/changes/schema';
import { carriesVerifier, scriptPasswords } from './scriptPasswords';

const verifier = 'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';
const withPassword: ChangeInput = { kind: 'alterRole', name: 'bot', password: { kind: 'verifier', verifier } };
const cleared: ChangeInput = { kind: 'alterRole', name: 'bot', password: { kind: 'none' } };
const grant: ChangeInput = { kind: 'grantDatabase', database: 'd', privileges: ['CONNECT'], grantee: { kind: 'public' } };

describe('script passwords', () => {
  it('finds verifiers only in role changes that set one', () => {
    expect(carriesVerifier(withPassword)).toBe(true);
    expect(carriesVerifier(cleared)).toBe(false);
    expect(carriesVerifier(grant)).toBe(false);
  });

  it('leaves them out unless asked, and asks nothing when there are none', () => {
    expect(scriptPasswords([grant, withPassword], false)).toBe('omit');
    expect(scriptPasswords([grant, withPassword], true)).toBe('include');
    expect(scriptPasswords([grant, cleared], true)).toBe('omit');
  });
});

import { describe, expect, it } from 'vitest';
import { majorOfVersion, newestVerifiedMajor, oldestSupportedMajor, versionNote, versionProblem } from './serverVersions';

describe('server versions', () => {
  it('reads the major from server_version', () => {
    expect(majorOfVersion('13.11 (Debian 13.11-1.pgdg120+1)')).toBe(13);
    expect(majorOfVersion('19devel')).toBe(19);
    expect(majorOfVersion('18beta1')).toBe(18);
    expect(majorOfVersion('9.6.24')).toBe(9);
    expect(majorOfVersion('EnterpriseDB')).toBeNull();
  });

  it('refuses servers older than 14 in plain words, and nothing newer', () => {
    expect(versionProblem(13, '13.11 (Debian)')).toBe('This server runs PostgreSQL 13.11; Warden works with PostgreSQL 14 and newer.');
    expect(versionProblem(9, '9.6.24')).toMatch(/PostgreSQL 9\.6\.24;/);
    for (const major of [oldestSupportedMajor, 16, newestVerifiedMajor, 19, 25]) expect(versionProblem(major, `${major}.0`)).toBeNull();
  });

  it('notes a major newer than 18 as not yet verified, and only that', () => {
    expect(versionNote(19)).toMatch(/^PostgreSQL 19 is not yet verified with Warden \(checked on 14 to 18\)\./);
    for (const major of [14, 15, 16, 17, 18]) expect(versionNote(major)).toBeNull();
  });
});

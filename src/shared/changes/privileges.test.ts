import { describe, expect, it } from 'vitest';
import { dropNotGrantableMessage, parsePrivilegeList, privilegeProblem, privilegesFor } from './privileges';

describe('parsePrivilegeList', () => {
  it('reads a comma list in any case and spacing, in canonical order', () => {
    expect(parsePrivilegeList('select, insert', 'table')).toEqual({ ok: true, privileges: ['SELECT', 'INSERT'] });
    expect(parsePrivilegeList('  Delete ,SELECT,update,select ', 'table')).toEqual({
      ok: true,
      privileges: ['SELECT', 'UPDATE', 'DELETE'],
    });
    expect(parsePrivilegeList('connect, temp', 'database')).toEqual({ ok: true, privileges: ['CONNECT', 'TEMPORARY'] });
    expect(parsePrivilegeList('SELECT;', 'table')).toEqual({ ok: true, privileges: ['SELECT'] });
  });

  it('reads ALL and ALL PRIVILEGES, alone only', () => {
    expect(parsePrivilegeList('ALL', 'table')).toEqual({ ok: true, privileges: 'ALL' });
    expect(parsePrivilegeList('all  privileges', 'schema')).toEqual({ ok: true, privileges: 'ALL' });
    expect(parsePrivilegeList('ALL, SELECT', 'table')).toEqual({ ok: false, message: 'ALL already means every privilege; write it alone.' });
  });

  it('rejects DROP with the ownership explanation', () => {
    for (const text of ['DELETE, DROP, UPDATE', 'drop', 'DROP TABLE']) {
      const r = parsePrivilegeList(text, 'table');
      expect(r).toEqual({ ok: false, message: dropNotGrantableMessage });
    }
    expect(dropNotGrantableMessage).toMatch(/only the owner/);
    expect(dropNotGrantableMessage).toMatch(/ALTER … OWNER TO/);
    expect(dropNotGrantableMessage).toMatch(/membership in the owning role/);
  });

  it("catches the lesson's IN schema_name and says IN SCHEMA", () => {
    const r = parsePrivilegeList('SELECT ON ALL TABLES IN user_data', 'table');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(
      '"IN user_data" is not valid SQL: a schema is written IN SCHEMA user_data. ' +
        'Choose the schema in its own field; this box takes privileges only.',
    );
    const lower = parsePrivilegeList('delete in sales', 'table');
    expect(!lower.ok && lower.message).toMatch(/IN SCHEMA sales/);
  });

  it('refuses object clauses even when written correctly', () => {
    const r = parsePrivilegeList('SELECT ON ALL TABLES IN SCHEMA user_data', 'table');
    expect(!r.ok && r.message).toMatch(/privileges only/);
    expect(parsePrivilegeList('SELECT TO bob', 'table').ok).toBe(false);
  });

  it('does not mistake INSERT for IN', () => {
    expect(parsePrivilegeList('insert', 'table')).toEqual({ ok: true, privileges: ['INSERT'] });
  });

  it('rejects privileges the object kind does not have', () => {
    const connect = parsePrivilegeList('CONNECT', 'table');
    expect(!connect.ok && connect.message).toBe(
      'CONNECT does not apply to tables; it exists for databases. On tables you can use: ' +
        'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN.',
    );
    const usage = parsePrivilegeList('USAGE', 'table');
    expect(!usage.ok && usage.message).toMatch(/^USAGE does not apply to tables; it exists for sequences, schemas, types\./);
    expect(parsePrivilegeList('usage, select', 'sequence')).toEqual({ ok: true, privileges: ['SELECT', 'USAGE'] });
    expect(parsePrivilegeList('DELETE', 'column').ok).toBe(false);
  });

  it('rejects unknown words and parentheses', () => {
    const r = parsePrivilegeList('READ', 'schema');
    expect(!r.ok && r.message).toBe('"READ" is not a PostgreSQL privilege. On schemas you can use: USAGE, CREATE.');
    expect(parsePrivilegeList('ALTER', 'table')).toMatchObject({ ok: false, message: expect.stringMatching(/owner/) as unknown });
    expect(parsePrivilegeList('SELECT (a, b)', 'table')).toMatchObject({ ok: false });
    expect(parsePrivilegeList('  ', 'table')).toMatchObject({ ok: false });
    expect(parsePrivilegeList(',', 'table')).toMatchObject({ ok: false });
  });

  it('knows MAINTAIN arrived in 17', () => {
    expect(parsePrivilegeList('MAINTAIN', 'table', 17)).toEqual({ ok: true, privileges: ['MAINTAIN'] });
    const old = parsePrivilegeList('maintain', 'table', 16);
    expect(!old.ok && old.message).toBe('MAINTAIN exists from PostgreSQL 17 on; this server runs 16.');
  });
});

describe('privilegesFor / privilegeProblem', () => {
  it('lists what each kind takes', () => {
    expect(privilegesFor('table', 16)).not.toContain('MAINTAIN');
    expect(privilegesFor('table', 18)).toContain('MAINTAIN');
    expect(privilegesFor('database', 14)).toEqual(['CREATE', 'CONNECT', 'TEMPORARY']);
    expect(privilegesFor('function', 14)).toEqual(['EXECUTE']);
  });

  it('accepts USAGE on sequences and types, not tables', () => {
    expect(privilegeProblem('USAGE', 'sequence', 15)).toBeNull();
    expect(privilegeProblem('USAGE', 'type', 15)).toBeNull();
    expect(privilegeProblem('USAGE', 'table', 15)).not.toBeNull();
    expect(privilegeProblem('TRUNCATE', 'sequence', 15)).toBe(
      'TRUNCATE does not apply to sequences; it exists for tables. On sequences you can use: SELECT, UPDATE, USAGE.',
    );
  });
});

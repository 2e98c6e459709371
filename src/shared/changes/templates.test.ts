import { describe, expect, it } from 'vitest';
import { planStatements } from '../sql/statements';
import { changeSchema } from './schema';
import { accessTemplate, schemaTableOwners } from './templates';
import { describeChange } from './describe';

const base = { database: 'datatweets', schema: 'user_data', tableOwners: ['datatweets'] };
const script = (changes: ReturnType<typeof accessTemplate>): string[] =>
  changes.flatMap((c) => planStatements(changeSchema.parse(c), 16).map((s) => s.sql));

describe('accessTemplate', () => {
  it('readonly: USAGE on the schema, SELECT on current tables and on future tables of the owner', () => {
    expect(script(accessTemplate({ ...base, level: 'readonly', group: 'readonly' }))).toEqual([
      'GRANT USAGE ON SCHEMA user_data TO readonly;',
      'GRANT SELECT ON ALL TABLES IN SCHEMA user_data TO readonly;',
      'ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT SELECT ON TABLES TO readonly;',
    ]);
  });

  it('readwrite: adds INSERT, UPDATE, DELETE and sequences, never DROP', () => {
    const sql = script(accessTemplate({ ...base, level: 'readwrite', group: 'readwrite' }));
    expect(sql).toEqual([
      'GRANT USAGE ON SCHEMA user_data TO readwrite;',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA user_data TO readwrite;',
      'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA user_data TO readwrite;',
      'ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO readwrite;',
      'ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT USAGE, SELECT ON SEQUENCES TO readwrite;',
    ]);
    expect(sql.join('\n')).not.toMatch(/DROP/);
  });

  it('names every owner once in FOR ROLE, and skips the group itself', () => {
    const changes = accessTemplate({ ...base, level: 'readonly', group: 'readonly', tableOwners: ['datatweets', 'etl', 'datatweets', 'readonly'] });
    const forRoles = changes.flatMap((c) => (c.kind === 'alterDefaultPrivileges' ? [c.forRole] : []));
    expect(forRoles).toEqual(['datatweets', 'etl']);
  });

  it('with no owners grants only what exists now', () => {
    const changes = accessTemplate({ ...base, level: 'readonly', group: 'readonly', tableOwners: [] });
    expect(changes.map((c) => c.kind)).toEqual(['grantSchema', 'grantAllTablesInSchema']);
  });

  it('labels each change in plain words', () => {
    const labels = accessTemplate({ ...base, level: 'readonly', group: 'readonly' }).map(describeChange);
    expect(labels).toEqual([
      'Grant USAGE on schema user_data to readonly',
      'Grant SELECT on all tables in user_data to readonly',
      'Grant SELECT on future tables of datatweets in user_data to readonly',
    ]);
  });
});

describe('schemaTableOwners', () => {
  it('joins the schema owner and relation owners, once each', () => {
    expect(schemaTableOwners('datatweets', ['datatweets', 'etl'])).toEqual(['datatweets', 'etl']);
    expect(schemaTableOwners(undefined, [])).toEqual([]);
  });
});

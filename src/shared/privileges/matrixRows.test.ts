import { describe, expect, it } from 'vitest';
import { INSERT, SELECT, UPDATE, USAGE } from './bits';
import { csvField, matrixCsv, matrixJson, matrixRows, parseCsv, privilegeCell, spreadsheetSafe, type MatrixRow } from './matrixRows';
import { PG_READ_ALL_DATA_OID } from './predefined';
import { SnapshotBuilder } from './testSnapshot';

function lesson() {
  const b = new SnapshotBuilder(16);
  const datatweets = b.role('datatweets');
  const dataViewer = b.role('data_viewer', { superuser: true });
  const readonly = b.role('readonly');
  const analyst = b.role('analyst');
  const reader = b.role('Reader, "quoted"\nname');
  b.member(readonly, dataViewer).member(readonly, analyst).member(PG_READ_ALL_DATA_OID, reader);
  b.relation('users', datatweets, '{datatweets=arwdDxt/datatweets,readonly=r/datatweets,analyst=r*/datatweets,=x/datatweets}');
  b.relation('id_seq', datatweets, null, 'S');
  const other = b.schema('Other "S"', datatweets);
  b.relation('t,1', datatweets, '{datatweets=r/datatweets}', 'r', other);
  return b.build();
}

describe('privilegeCell', () => {
  it('prints held privileges in aclitem order, * after grantable ones only', () => {
    expect(privilegeCell(SELECT | INSERT | UPDATE, SELECT)).toBe('ar*w');
    expect(privilegeCell(USAGE | SELECT, USAGE | SELECT)).toBe('r*U*');
    // A grant option without the privilege (an owner who revoked its own SELECT) is not shown.
    expect(privilegeCell(INSERT, SELECT | INSERT)).toBe('a*');
    expect(privilegeCell(0, 0)).toBe('');
  });
});

describe('matrixRows', () => {
  const rows = matrixRows(lesson());
  const row = (role: string, table: string) => rows.find((r) => r.role === role && r.table === table);

  it('summarises where each cell comes from', () => {
    expect(row('data_viewer', 'users')).toMatchObject({ privileges: 'a*r*w*d*D*x*t*', via: 'superuser' });
    expect(row('datatweets', 'users')).toMatchObject({ privileges: 'a*r*w*d*D*x*t*', via: 'owner;PUBLIC' });
    expect(row('pg_database_owner', 'users')).toMatchObject({ privileges: 'x', via: 'PUBLIC' });
    expect(row('readonly', 'users')).toMatchObject({ privileges: 'rx', via: 'direct;PUBLIC' });
    expect(row('analyst', 'users')).toMatchObject({ privileges: 'r*x', via: 'direct;readonly;PUBLIC' });
    expect(row('Reader, "quoted"\nname', 'users')).toMatchObject({ privileges: 'rx', via: 'PUBLIC;pg_read_all_data' });
    expect(row('datatweets', 'id_seq')).toMatchObject({ privileges: 'r*w*U*', via: 'owner' });
    expect(row('pg_read_all_data', 'id_seq')).toMatchObject({ privileges: 'r', via: 'pg_read_all_data' });
  });

  it('leaves out cells without privileges and sorts by role, schema, table', () => {
    expect(row('readonly', 't,1')).toBeUndefined();
    const keys = rows.map((r) => [r.role, r.schema, r.table].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
    expect(rows.filter((r) => r.role === 'datatweets').map((r) => r.schema)).toEqual(['Other "S"', 'public', 'public']);
  });

  it('filters by exact schema and role names', () => {
    expect(matrixRows(lesson(), { schema: 'Other "S"' }).map((r) => r.role)).toEqual([
      'Reader, "quoted"\nname', 'data_viewer', 'datatweets', 'pg_read_all_data', 'pg_write_all_data', 'postgres',
    ]);
    expect(matrixRows(lesson(), { role: 'readonly' })).toEqual([{ role: 'readonly', schema: 'public', table: 'users', privileges: 'rx', via: 'direct;PUBLIC' }]);
    expect(matrixRows(lesson(), { role: 'READONLY' })).toEqual([]);
  });
});

describe('CSV and JSON', () => {
  const hostile: MatrixRow[] = [
    { role: 'a,b', schema: 'Sch "x"', table: 'line\nbreak', privileges: 'r*', via: 'owner;PUBLIC' },
    { role: 'plain', schema: 'public', table: 'cr\rlf\r\n', privileges: 'a', via: '' },
    { role: ' spaced ', schema: '😀', table: 'back\\slash', privileges: 'r', via: 'x' },
  ];

  it('quotes per RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });

  it('keeps spreadsheets from running a name as a formula: a leading = + - @ tab or CR gets a \'', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(spreadsheetSafe(`${lead}1+1`)).toBe(`'${lead}1+1`);
    for (const fine of ['a=b', 'x-1', "'quoted", ' =sp', '', 'user@host']) expect(spreadsheetSafe(fine)).toBe(fine);
    const csv = matrixCsv([{ role: '@admin', schema: '-s', table: '=HYPERLINK("http://x","y")', privileges: 'r', via: '+direct' }]);
    expect(parseCsv(csv)[1]).toEqual(["'@admin", "'-s", `'=HYPERLINK("http://x","y")`, 'r', "'+direct"]);
  });

  it('round-trips hostile names', () => {
    const csv = matrixCsv(hostile);
    expect(csv.split('\n')[0]).toBe('role,schema,table,privileges,via');
    expect(csv).toContain('"a,b","Sch ""x""","line\nbreak",r*,owner;PUBLIC\n');
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual(['role', 'schema', 'table', 'privileges', 'via']);
    expect(records).toEqual(hostile.map((r) => [r.role, r.schema, r.table, r.privileges, r.via]));
    expect(JSON.parse(matrixJson(hostile))).toEqual(hostile);
    expect(matrixCsv([])).toBe('role,schema,table,privileges,via\n');
  });
});

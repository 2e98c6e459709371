/**
 * Keywords that quote_ident() quotes: every entry of PostgreSQL's
 * src/include/parser/kwlist.h whose category is not UNRESERVED_KEYWORD
 * (RESERVED, COL_NAME and TYPE_FUNC_NAME keywords).
 *
 * Taken from PostgreSQL 18.4 (`SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'`)
 * and checked against kwlist.h; 18's list is a superset of 15's (16 added the json_*
 * and system_user words, 17 merge_action), so quoting with it is right for 14–18:
 * an extra pair of quotes on an older server is harmless.
 */
const words = `
  all analyse analyze and any array as asc asymmetric authorization between bigint binary bit
  boolean both case cast char character check coalesce collate collation column concurrently
  constraint create cross current_catalog current_date current_role current_schema
  current_time current_timestamp current_user dec decimal default deferrable desc distinct do
  else end except exists extract false fetch float for foreign freeze from full grant
  greatest group grouping having ilike in initially inner inout int integer intersect
  interval into is isnull join json json_array json_arrayagg json_exists json_object
  json_objectagg json_query json_scalar json_serialize json_table json_value lateral leading
  least left like limit localtime localtimestamp merge_action national natural nchar none
  normalize not notnull null nullif numeric offset on only or order out outer overlaps
  overlay placing position precision primary real references returning right row select
  session_user setof similar smallint some substring symmetric system_user table tablesample
  then time timestamp to trailing treat trim true union unique user using values varchar
  variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists
  xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
`;

/** Lower-case keywords that must be double-quoted to be used as identifiers. */
export const keywordsNeedingQuotes: ReadonlySet<string> = new Set(words.split(/\s+/).filter((w) => w !== ''));

import { z } from 'zod';
import { changeSchema } from '../changes/schema';

/** A why-not answer as the API and the CLI give it. */
export const whyNotReportSchema = z.object({
  role: z.string(),
  database: z.string(),
  schema: z.string(),
  table: z.string(),
  privilege: z.string(),
  granted: z.boolean(),
  /** Where the privilege comes from, when granted. */
  reasons: z.array(z.object({ source: z.string(), via: z.array(z.string()), grantor: z.string().nullable() })),
  /** Every missing layer, in the order PostgreSQL checks them. */
  missing: z.array(z.object({ layer: z.string(), detail: z.string() })),
  /** Change sets that would grant it, each run on the server in a rolled-back transaction first. */
  fixes: z.array(
    z.object({
      label: z.string(),
      sql: z.string(),
      /** True when, inside the transaction, has_table_privilege (with schema USAGE and database CONNECT) turned true. */
      proven: z.boolean(),
      /** Why it could not be proven (the connected role may not make the change, a lock…), else null. */
      note: z.string().nullable(),
      alsoChanges: z.string(),
      changes: z.array(changeSchema),
    }),
  ),
});
/** A why-not answer. */
export type WhyNotReport = z.infer<typeof whyNotReportSchema>;

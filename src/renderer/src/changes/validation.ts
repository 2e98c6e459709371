import type { z } from 'zod';

/** The first message of a failed parse, or undefined when the value is fine. */
export function firstProblem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

/** Parses a connection limit typed in a form: empty means none (-1). */
export function parseLimit(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: -1 };
  if (!/^-?\d+$/.test(trimmed)) return { ok: false, message: 'A connection limit is a whole number, or empty for no limit.' };
  const value = Number(trimmed);
  if (value < -1) return { ok: false, message: 'A connection limit is -1 (no limit) or more.' };
  return { ok: true, value };
}

/** Turns a datetime-local value into an ISO timestamp, or null when empty. */
export function parseValidUntil(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: null };
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return { ok: false, message: 'Enter a date and time, or leave it empty for no expiry.' };
  return { ok: true, value: date.toISOString() };
}

/** A role's connection limit and expiry as parsed from its form; see parseLimits. */
export interface ParsedLimits {
  connectionLimit: number;
  /** ISO text, or null for no expiry. */
  validUntil: string | null;
}

/** Parses the "Connection limit" and "Valid until" fields: the values, or null with a message per wrong field. */
export function parseLimits(values: { limit: string; validUntil: string }): { parsed: ParsedLimits | null; problems: { limit?: string; validUntil?: string } } {
  const limit = parseLimit(values.limit);
  const until = parseValidUntil(values.validUntil);
  if (limit.ok && until.ok) return { parsed: { connectionLimit: limit.value, validUntil: until.value }, problems: {} };
  return { parsed: null, problems: { ...(limit.ok ? {} : { limit: limit.message }), ...(until.ok ? {} : { validUntil: until.message }) } };
}

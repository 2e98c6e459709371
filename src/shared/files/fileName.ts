/**
 * A file name from names that may hold any character (a database, a schema, a role), for the
 * CSV exports: the parts joined by `-`, each keeping ASCII letters, digits, `_`, `.` and `-`,
 * every other run of characters one `_`, and no leading dot (a hidden file, or `..`).
 */
export function safeFileName(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_')).join('-');
}

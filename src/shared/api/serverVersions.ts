/** The oldest PostgreSQL major Warden works with (pg_read_all_data and friends arrived in 14). */
export const oldestSupportedMajor = 14;
/** The newest major Warden's tests have checked (the oracle, the golden SQL). */
export const newestVerifiedMajor = 18;

/** The major in a `server_version` string: "13.11 (Debian…)" → 13, "19devel" → 19, "9.6.2" → 9; null if none. */
export function majorOfVersion(version: string): number | null {
  const m = /^(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : null;
}

/** Why Warden will not work with this server, in plain words; null when it will. */
export function versionProblem(major: number, version: string): string | null {
  if (major >= oldestSupportedMajor) return null;
  return `This server runs PostgreSQL ${version.trim().split(' ')[0] ?? version}; Warden works with PostgreSQL ${oldestSupportedMajor} and newer.`;
}

/**
 * The banner for a server newer than any Warden was checked against; null otherwise.
 * why: a new major may change the catalogs or privilege rules; Warden still works (it reads
 * it as the newest it knows), but says that its answers there are not yet verified.
 */
export function versionNote(major: number): string | null {
  if (major <= newestVerifiedMajor) return null;
  return `PostgreSQL ${major} is not yet verified with Warden (checked on ${oldestSupportedMajor} to ${newestVerifiedMajor}). Everything works as for ${newestVerifiedMajor}; read the script before you apply it.`;
}

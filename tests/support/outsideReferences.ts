import { dirname, isAbsolute, relative, resolve } from 'node:path';

// why: the design notes this project started from live outside the repository; citing them
// (or any path that climbs out of the checkout) leaves readers with a dead reference.
const designNotes = new RegExp(['DESIGN', 'md'].join('\\.'), 'g');
const climbing = /(?:\.\.\/)+shared\b[^\s'"`)]*/g;

/**
 * The references in one file's text that point outside the repository: any mention of the
 * design notes, and any `../…/shared` path that, resolved from the file's folder, leaves
 * `root`. Returns a short description of each.
 */
export function outsideReferences(text: string, file: string, root: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(designNotes)) out.push(`cites ${m[0]} at offset ${m.index}`);
  for (const m of text.matchAll(climbing)) {
    const target = resolve(dirname(file), m[0]);
    const rel = relative(root, target);
    if (rel.startsWith('..') || isAbsolute(rel)) out.push(`points outside the repository: ${m[0]}`);
  }
  return out;
}

import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/**
 * A virtualizer's range extractor result that keeps index `keep` rendered besides the
 * visible window (in order), e.g. the item holding the tab stop, which must stay in the DOM;
 * -1 or an index past the end keeps nothing extra.
 */
export function keepRendered(range: Range, keep: number): number[] {
  const out = defaultRangeExtractor(range);
  if (keep >= 0 && keep < range.count && !out.includes(keep)) {
    out.push(keep);
    out.sort((a, b) => a - b);
  }
  return out;
}

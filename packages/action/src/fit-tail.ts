/**
 * The longest run of backticks in `text.slice(start)`, for any `start`, after one pass over `text`: the
 * fence a code block of any tail of a text needs, without scanning the tail again for each candidate.
 */
export function longestBacktickRunFrom(text: string): (start: number) => number {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = text.indexOf('`'); at !== -1; ) {
    let end = at + 1;
    while (text.charCodeAt(end) === 0x60) end++;
    starts.push(at);
    ends.push(end);
    at = text.indexOf('`', end);
  }
  // longestAfter[i]: the longest of runs i, i+1, …
  const longestAfter = new Array<number>(starts.length + 1).fill(0);
  for (let i = starts.length - 1; i >= 0; i--) {
    longestAfter[i] = Math.max((ends[i] ?? 0) - (starts[i] ?? 0), longestAfter[i + 1] ?? 0);
  }
  return (start) => {
    // The first run that ends after `start`; it may begin before it and count only in part.
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((ends[mid] ?? 0) > start) high = mid;
      else low = mid + 1;
    }
    if (low === ends.length) return 0;
    const partial = (ends[low] ?? 0) - Math.max(starts[low] ?? 0, start);
    return Math.max(partial, longestAfter[low + 1] ?? 0);
  };
}

/**
 * Where the longest tail of `text` that `fits` accepts starts, no earlier than `from`, by binary search
 * (the check is monotonic: a shorter tail never measures more, up to the few characters a longer cut
 * note adds). Never starts inside a surrogate pair. Undefined when not even an empty tail fits.
 */
export function fitTail(text: string, from: number, fits: (start: number) => boolean): number | undefined {
  const at = (start: number): number =>
    start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
  if (!fits(text.length)) return undefined;
  let low = from; // candidate start that might fit
  let high = text.length; // start known to fit
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (fits(at(mid))) high = mid;
    else low = mid + 1;
  }
  return at(high);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

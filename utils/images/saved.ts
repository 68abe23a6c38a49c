/**
 * Images of a page saved with "Save page as…, complete": the browser writes them to `<name>_files/`
 * and points `src` there (`./<name>_files/a.png`). Extraction makes every `src` absolute against the
 * page's address (and prefers a lazy-load attribute such as `data-original` when there is one), so
 * the article's URL for such an image is not the file's name. This reads the source page, before
 * extraction, and gives for each URL extraction can produce the file the page pointed at.
 */

/** The attributes extraction may take an image's URL from (lazy-load ones, `srcset`, `src`). */
const urlAttributes = ['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src', 'data-url'];
const placeholder = /loading\.gif|placeholder|blank\.(gif|png)/i;
/** Relative references only: no scheme, no `//host`, no `/root` path. */
const relativeRef = /^(?![a-z][a-z0-9+.-]*:|[/\\])/i;

function resolve(value: string, base: string): string[] {
  try {
    const u = new URL(value, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    // extraction upgrades woshipm's http links to https: either spelling maps
    const other = new URL(u.href);
    other.protocol = u.protocol === 'http:' ? 'https:' : 'http:';
    return [u.href, other.href];
  } catch {
    return [];
  }
}

/**
 * Absolute image URL (as the article will have it) -> the saved file, a path relative to the page's
 * own folder, percent-decoded (`a_files/图 1.png`). `base` is the page's address.
 *
 * A lazy-load attribute counts only when the saved file is the image itself: a file that several
 * different images point at is the loader's placeholder, not a picture.
 */
export function savedImageFiles(doc: Document, base: string = doc.baseURI): Map<string, string> {
  const images: { file: string; src: string; others: string[] }[] = [];
  const lazyUrlsByFile = new Map<string, Set<string>>();
  for (const img of Array.from(doc.getElementsByTagName('img'))) {
    const src = img.getAttribute('src')?.trim();
    if (!src || !relativeRef.test(src)) continue;
    let file: string;
    try {
      file = decodeURIComponent(src.split(/[?#]/)[0]!).replace(/^(\.\/)+/, '');
    } catch {
      continue;
    }
    if (!file) continue;
    const others = urlAttributes.map((a) => img.getAttribute(a)?.trim() ?? '').filter(Boolean);
    const first = img.getAttribute('srcset')?.trim().split(/\s+/)[0];
    if (first) others.push(first);
    images.push({ file, src, others });
    const set = lazyUrlsByFile.get(file) ?? new Set();
    for (const v of others) set.add(v);
    lazyUrlsByFile.set(file, set);
  }
  const files = new Map<string, string>();
  const add = (value: string, file: string) => {
    for (const url of resolve(value, base)) if (!files.has(url)) files.set(url, file);
  };
  for (const { file, src, others } of images) {
    add(src, file);
    if (placeholder.test(file) || lazyUrlsByFile.get(file)!.size > 1) continue;
    for (const value of others) add(value, file);
  }
  return files;
}

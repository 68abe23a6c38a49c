import type { Article } from '../types';

/**
 * The article with each `<img src>` found in `links` pointing at its saved copy (and the cover,
 * when it is one of them); images not in `links` keep their remote URL. Unchanged when nothing maps.
 */
export function withImageLinks(article: Article, links: ReadonlyMap<string, string>, parseHtml: (html: string) => Document): Article {
  if (!links.size) return article;
  const doc = parseHtml(`<!doctype html><html><head><meta charset="utf-8"></head><body>${article.html}</body></html>`);
  let changed = false;
  for (const img of Array.from(doc.body.getElementsByTagName('img'))) {
    const to = links.get(img.getAttribute('src')?.trim() ?? '');
    if (to === undefined) continue;
    img.setAttribute('src', to);
    changed = true;
  }
  const cover = (article.cover && links.get(article.cover)) ?? article.cover;
  if (!changed && cover === article.cover) return article;
  return { ...article, html: changed ? doc.body.innerHTML : article.html, cover };
}

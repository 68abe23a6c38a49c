/**
 * A stored article in the reader (components/reader), over the list, with nothing from the network:
 * the body is the stored `article.html` sanitized again here (DOMPurify, as extraction does), the
 * images kept offline shown from the library's images store as blob: URLs, the live highlights painted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Reader } from '../../components/reader/Reader';
import { t } from '../../shell/i18n';
import { getImage, getRecord } from '../../shell/library';
import { readerSettings } from '../../shell/settings';
import { sanitizeStoredHtml } from '../../utils/extract/sanitize';
import { paintHighlights, unpaintHighlights, type ArticleHighlights } from '../../utils/highlights';
import type { ReaderPrefs } from '../../utils/reader-prefs';
import type { Article } from '../../utils/types';

type Opened = { kind: 'ready'; article: Article; prefs: ReaderPrefs } | { kind: 'missing' } | { kind: 'loading' };

/** The sanitized body with each kept image's src replaced by a blob: URL of its stored bytes; returns the URLs made. */
async function offlineBody(html: string, images: Record<string, string>): Promise<{ html: string; urls: string[] }> {
  const clean = sanitizeStoredHtml(html, window);
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${clean}`, 'text/html'); // inert: nothing loads
  const urls: string[] = [];
  for (const img of doc.body.querySelectorAll('img')) {
    const hash = images[img.getAttribute('src')?.trim() ?? ''];
    const stored = hash ? await getImage(hash) : null;
    if (!stored) continue;
    const blob = stored.bytes instanceof Blob ? stored.bytes : new Blob([stored.bytes], { type: stored.type });
    const url = URL.createObjectURL(blob);
    urls.push(url);
    img.setAttribute('src', url);
  }
  return { html: doc.body.innerHTML, urls };
}

export function LibraryReader({
  url,
  highlights,
  onClose,
  onExport,
}: {
  url: string;
  highlights: ArticleHighlights | null;
  onClose(): void;
  onExport(): Promise<string>;
}) {
  const [opened, setOpened] = useState<Opened>({ kind: 'loading' });
  const body = useRef<HTMLElement | null>(null);
  const painted = useRef(highlights);
  painted.current = highlights;

  useEffect(() => {
    let live = true;
    let urls: string[] = [];
    void (async () => {
      const [record, prefs] = await Promise.all([getRecord(url), readerSettings.get()]);
      if (!record) return live && setOpened({ kind: 'missing' });
      const offline = await offlineBody(record.article.html, record.images);
      urls = offline.urls;
      if (!live) {
        for (const u of offline.urls) URL.revokeObjectURL(u);
        return;
      }
      setOpened({ kind: 'ready', article: { ...record.article, html: offline.html }, prefs });
    })();
    return () => {
      live = false;
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [url]);

  // The live highlights: painted again when they change (a highlight made on the page shows here too).
  useEffect(() => {
    if (!body.current) return;
    unpaintHighlights(body.current);
    paintHighlights(body.current, highlights?.highlights ?? []);
  }, [highlights]);

  useEffect(() => {
    if (opened.kind !== 'missing') return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [opened.kind, onClose]);

  if (opened.kind === 'loading') return null;
  if (opened.kind === 'missing')
    return (
      <div class="lib-missing" role="alert">
        <p>{t('libraryPage.missing')}</p>
        <button type="button" onClick={onClose}>
          {t('libraryPage.back')}
        </button>
      </div>
    );
  return (
    <Reader
      article={opened.article}
      prefs={opened.prefs}
      autospace={CSS.supports('text-autospace', 'ideograph-alpha')}
      closeLabel={t('libraryPage.back')}
      onPrefs={async (next) => {
        setOpened({ ...opened, prefs: next });
        await readerSettings.update(next);
      }}
      onClose={onClose}
      onExport={onExport}
      onBody={(element) => {
        body.current = element;
        paintHighlights(element, painted.current?.highlights ?? []);
        return () => {
          unpaintHighlights(element);
          body.current = null;
        };
      }}
    />
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { findPoint, scrollBehavior } from '../../utils/page/reveal';
import { pointsOf } from '../../utils/points';
import type { Article } from '../../utils/types';
import { Byline } from '../Byline';
import { formatCount } from '../format';
import { Icon } from '../icons';
import { useNotice } from '../useNotice';
import { fontSizes, readerThemes, readerWidths, type ReaderPrefs } from '../../utils/reader-prefs';
import { markCaptions, spaceCjkLatin, wrapTables } from './typography';

export interface ReaderProps {
  article: Article;
  prefs: ReaderPrefs;
  /** Saves the new preferences; a refusal is shown. */
  onPrefs(prefs: ReaderPrefs): Promise<void>;
  onClose(): void;
  /** Exports the article; resolves with what to tell the reader (downloaded, how many images, or why not). */
  onExport(): Promise<string>;
  /** 收藏到资料库: keeps the article in the library; resolves with what to tell the reader. */
  onCollect?(): Promise<string>;
  /** Whether CSS `text-autospace` works here (else CJK/Latin spacing is done with spans). */
  autospace?: boolean;
  /** The body is in place (typography done): e.g. paint the highlights. May return a clean-up. */
  onBody?(body: HTMLElement): (() => void) | undefined;
  /** What the close button says (default 关闭阅读模式): the library page's reader goes back to its list. */
  closeLabel?: string;
  /** Opens the library page (a 资料库 button in the bar). */
  onLibrary?(): void;
}

const themeLabel = { auto: 'reader.themeAuto', light: 'reader.themeLight', sepia: 'reader.themeSepia', dark: 'reader.themeDark' } as const;
const widthLabel = { narrow: 'reader.widthNarrow', medium: 'reader.widthMedium', wide: 'reader.widthWide' } as const;
const count = (n: number | null) => (n === null ? null : formatCount(n));

const tabbable = 'a[href], button:not(:disabled), select:not(:disabled), input:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the reader (a modal dialog over the page): past its last control back to its
 * first, and Shift+Tab the other way; true when it moved the focus.
 */
function wrapTab(dialog: HTMLElement, e: KeyboardEvent): boolean {
  const items = [...dialog.querySelectorAll<HTMLElement>(tabbable)].filter((el) => el.tabIndex >= 0);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return false;
  const active = (dialog.getRootNode() as ShadowRoot | Document).activeElement;
  const inside = active instanceof HTMLElement && dialog.contains(active);
  if (e.shiftKey && (!inside || active === first)) last.focus();
  else if (!e.shiftKey && (!inside || active === last)) first.focus();
  else return false;
  return true;
}

/** The clean article in the page: header, lead, body, an outline that follows the reading, key points. */
export function Reader({ article, prefs, onPrefs, onClose, onExport, onCollect, autospace = false, onBody, closeLabel, onLibrary }: ReaderProps) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const bodyReady = useRef(onBody);
  bodyReady.current = onBody;
  const [current, setCurrent] = useState<string | null>(article.outline[0]?.id ?? null);
  const [notice, flash] = useNotice();
  // the author's bold; else a numbered list of sections as its skeleton; else the key sentences
  const points = pointsOf(article);

  useEffect(() => {
    if (!body.current) return;
    wrapTables(body.current);
    markCaptions(body.current);
    spaceCjkLatin(body.current, autospace);
    return bodyReady.current?.(body.current) ?? undefined;
  }, [article, autospace]);

  useEffect(() => {
    closeButton.current?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      } else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey && scroller.current && wrapTab(scroller.current, e)) e.preventDefault();
    };
    const root = scroller.current?.getRootNode() as ShadowRoot | Document | undefined;
    root?.addEventListener('keydown', onKey as EventListener);
    return () => root?.removeEventListener('keydown', onKey as EventListener);
  }, [onClose]);

  // The outline follows the reading: the last heading above the top third of the view is current.
  useEffect(() => {
    const box = scroller.current;
    if (!box || !body.current || !article.outline.length) return;
    const headings = article.outline
      .map((h) => body.current!.querySelector(`[id="${h.id}"]`))
      .filter((el): el is HTMLElement => el !== null);
    let frame = 0;
    const update = () => {
      frame = 0;
      const line = box.getBoundingClientRect().top + box.clientHeight / 3;
      let active = headings[0]?.id ?? null;
      for (const h of headings) if (h.getBoundingClientRect().top <= line) active = h.id;
      setCurrent(active);
    };
    const onScroll = () => (frame ||= requestAnimationFrame(update));
    box.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      box.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [article]);

  const jump = (id: string) => {
    const target = body.current?.querySelector(`[id="${id}"]`);
    target?.scrollIntoView({ behavior: scrollBehavior(document), block: 'start' });
    setCurrent(id);
  };
  const showPoint = (point: string, index: number) => {
    if (points.kind === 'skeleton') return jump(article.outline[points.outlineIndex[index]!]!.id);
    const kind = points.kind === 'keyPoints' ? 'keyPoint' : 'keySentence';
    if (body.current) findPoint(body.current, point, kind)?.scrollIntoView({ behavior: scrollBehavior(document), block: 'center' });
  };
  const set = (patch: Partial<ReaderPrefs>) =>
    void onPrefs({ ...prefs, ...patch }).catch((error: unknown) => flash(t('options.saveFailed', [error instanceof Error ? error.message : String(error)])));
  const stats = [
    [count(article.stats.views), t('card.views')],
    [count(article.stats.comments), t('card.comments')],
    [count(article.stats.collects), t('card.collects')],
    [count(article.stats.likes), t('card.likes')],
  ].filter(([n]) => n !== null);

  return (
    <div
      ref={scroller}
      class={`reader theme-${prefs.theme} width-${prefs.width} font-${prefs.font}`}
      style={{ '--reader-size': `${prefs.fontSize}px` }}
      role="dialog"
      aria-modal="true"
      aria-labelledby="reader-title"
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a group, not a <header> (the page has its banner already, this bar belongs to the dialog) nor a <fieldset> (view controls, not a form) */}
      <div class="bar" role="group" aria-label={t('reader.controls')}>
        <div class="bar-group">
          <label class="sr-only" for="reader-theme">
            {t('reader.theme')}
          </label>
          <select id="reader-theme" value={prefs.theme} onChange={(e) => set({ theme: e.currentTarget.value as ReaderPrefs['theme'] })}>
            {readerThemes.map((theme) => (
              <option key={theme} value={theme}>
                {t(themeLabel[theme])}
              </option>
            ))}
          </select>
          {/* The name starts with what the button shows (WCAG 2.5.3: a speech user says "A−"), then says what it does. */}
          <button type="button" title={t('reader.smaller')} disabled={prefs.fontSize <= fontSizes.min} onClick={() => set({ fontSize: prefs.fontSize - fontSizes.step })}>
            A−{' '}<span class="sr-only">{t('reader.smaller')}</span>
          </button>
          <span class="size" aria-live="polite">
            {t('reader.fontSize', [prefs.fontSize])}
          </span>
          <button type="button" title={t('reader.larger')} disabled={prefs.fontSize >= fontSizes.max} onClick={() => set({ fontSize: prefs.fontSize + fontSizes.step })}>
            A+{' '}<span class="sr-only">{t('reader.larger')}</span>
          </button>
          <label class="sr-only" for="reader-width">
            {t('reader.width')}
          </label>
          <select id="reader-width" value={prefs.width} onChange={(e) => set({ width: e.currentTarget.value as ReaderPrefs['width'] })}>
            {readerWidths.map((width) => (
              <option key={width} value={width}>
                {t('reader.width')}：{t(widthLabel[width])}
              </option>
            ))}
          </select>
          <button type="button" aria-pressed={prefs.font === 'serif'} onClick={() => set({ font: prefs.font === 'serif' ? 'sans' : 'serif' })}>
            {prefs.font === 'serif' ? t('reader.sans') : t('reader.serif')}
          </button>
        </div>
        <div class="bar-group">
          <span class="notice" role="status">
            {notice}
          </span>
          {onCollect && (
            <button
              type="button"
              onClick={async () => {
                flash(await onCollect());
              }}
            >
              {t('reader.collect')}
            </button>
          )}
          <button
            type="button"
            class="primary"
            onClick={async () => {
              flash(await onExport());
            }}
          >
            <Icon name="download" />
            {t('reader.export')}
          </button>
          {onLibrary && (
            <button type="button" onClick={onLibrary}>
              {t('libraryPage.open')}
            </button>
          )}
          <button type="button" ref={closeButton} class="close" aria-label={closeLabel ?? t('reader.close')} title={`${closeLabel ?? t('reader.close')} (Esc)`} onClick={onClose}>
            ✕
          </button>
        </div>
      </div>

      <div class="layout">
        {article.outline.length > 0 && (
          <nav class="outline" aria-label={t('reader.outline')}>
            <h2>{t('reader.outline')}</h2>
            <ol>
              {article.outline.map((h) => (
                <li key={h.id} class={`level-${h.level}`}>
                  <a
                    href={`#${h.id}`}
                    aria-current={current === h.id ? 'location' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      jump(h.id);
                    }}
                  >
                    {h.text}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        )}

        <article class="column" lang="zh-CN">
          <h1 id="reader-title">{article.title}</h1>
          <Byline article={article} class="meta">
            <span>{t('card.minutes', [article.readingMinutes])}</span>
          </Byline>
          {stats.length > 0 && (
            <p class="meta stats">
              {stats.map(([n, label]) => (
                <span key={label}>
                  {n} {label}
                </span>
              ))}
            </p>
          )}
          {article.tags.length > 0 && (
            <ul class="tags">
              {article.tags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          )}
          {article.lead && <p class="lead">{article.lead}</p>}
          {/* article.html comes only from the extraction pipeline, which sanitized it with DOMPurify. */}
          <div ref={body} class="body" dangerouslySetInnerHTML={{ __html: article.html }} />
          {article.truncated && (
            <p class="truncated" role="note">
              {t('card.truncated', [article.wordCount])}
            </p>
          )}
        </article>

        {points.items.length > 0 && (
          <aside class="points" aria-label={t(`reader.${points.kind}`)}>
            <h2>{t(`reader.${points.kind}`)}</h2>
            <ol>
              {points.items.map((point, i) => (
                <li key={i}>
                  <button type="button" class="point" onClick={() => showPoint(point, i)}>
                    {point}
                  </button>
                </li>
              ))}
            </ol>
          </aside>
        )}
      </div>
    </div>
  );
}

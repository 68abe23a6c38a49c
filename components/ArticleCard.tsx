import type { ComponentChildren } from 'preact';
import { useT } from './i18n';
import type { RevealTarget } from '../utils/page/reveal';
import { pointsOf } from '../utils/points';
import type { Article } from '../utils/types';
import { Byline } from './Byline';
import { formatCount } from './format';
import { Icon, type IconName } from './icons';


function Stat({ name, value, label }: { name: IconName; value: number | null; label: string }) {
  if (value === null) return null;
  return (
    <li title={`${value} ${label}`}>
      <Icon name={name} />
      <span>{formatCount(value)}</span>
      <span class="sr-only">{label}</span>
    </li>
  );
}

interface ArticleCardProps {
  article: Article;
  onReveal?: (target: RevealTarget) => void;
  /** Copies the diagnostic of a page read through fallbacks (`article.readFrom`). */
  onCopyDiagnostic?: () => void;
  /** Shown under the header facts, before the lead (the popup's library line: 已在资料库…). */
  status?: ComponentChildren;
  children?: ComponentChildren;
}

/**
 * The article at a glance: header facts, lead, its points (`pointsOf`) and outline; points and headings
 * jump into the page. A page read partly by fallbacks says so, with its diagnostic to copy. `children` come
 * last (the popup's highlights).
 */
export function ArticleCard({ article, onReveal, onCopyDiagnostic, status, children }: ArticleCardProps) {
  const t = useT();
  const jump = (target: RevealTarget, text: string) =>
    onReveal ? (
      <button type="button" class="jump" title={t('card.jumpHint')} onClick={() => onReveal(target)}>
        {text}
      </button>
    ) : (
      text
    );
  const { stats } = article;
  // the author's bold; else a numbered list of sections as its skeleton; else the key sentences
  const points = pointsOf(article);
  return (
    <article class="card" aria-labelledby="card-title">
      <h1 id="card-title" class="card-title">
        {article.title}
      </h1>
      <Byline article={article} class="byline" />
      <ul class="stats">
        <Stat name="views" value={stats.views} label={t('card.views')} />
        <Stat name="comments" value={stats.comments} label={t('card.comments')} />
        <Stat name="collects" value={stats.collects} label={t('card.collects')} />
        <Stat name="likes" value={stats.likes} label={t('card.likes')} />
        <li>
          <Icon name="minutes" />
          <span>{t('card.minutes', [article.readingMinutes])}</span>
        </li>
      </ul>
      {article.tags.length > 0 && (
        <ul class="tags">
          {article.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      {status}
      {article.truncated && (
        <p class="truncated" role="note">
          {t('card.truncated', [article.wordCount])}
        </p>
      )}
      {article.lead && (
        <blockquote class="lead" aria-label={t('card.lead')}>
          {article.lead}
        </blockquote>
      )}
      {points.items.length > 0 && (
        <section class={`keypoints ${points.kind}`}>
          <h2>{t(`card.${points.kind}`)}</h2>
          <ol>
            {points.items.map((text, index) =>
              points.kind === 'keySentences' ? (
                <li key={index}>{text}</li>
              ) : (
                <li key={index}>
                  {jump(points.kind === 'skeleton' ? { kind: 'heading', index: points.outlineIndex[index]! } : { kind: 'keyPoint', index }, text)}
                </li>
              ),
            )}
          </ol>
        </section>
      )}
      {article.outline.length > 0 && (
        <details class="outline">
          <summary>{t('card.outline')}</summary>
          <ol>
            {article.outline.map((h, index) => (
              <li key={h.id} style={{ paddingInlineStart: `${Math.max(0, h.level - 2) * 12}px` }}>
                {jump({ kind: 'heading', index }, h.text)}
              </li>
            ))}
          </ol>
        </details>
      )}
      {article.readFrom.fallbacks.length > 0 && (
        <p class="fallbacks" role="note">
          <span>{t('card.fallbacks')}</span>
          {onCopyDiagnostic && (
            <button type="button" class="small" onClick={onCopyDiagnostic}>
              {t('action.copyDiagnostic')}
            </button>
          )}
        </p>
      )}
      {children}
    </article>
  );
}

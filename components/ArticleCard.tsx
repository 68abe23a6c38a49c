import { useT } from './i18n';
import type { RevealTarget } from '../utils/page/reveal';
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

/** The article at a glance: header facts, lead, key points and outline; points and headings jump into the page. */
export function ArticleCard({ article, onReveal }: { article: Article; onReveal?: (target: RevealTarget) => void }) {
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
      {article.keyPoints.length > 0 ? (
        <section class="keypoints">
          <h2>{t('card.keyPoints')}</h2>
          <ol>
            {article.keyPoints.map((point, index) => (
              <li key={index}>{jump({ kind: 'keyPoint', index }, point)}</li>
            ))}
          </ol>
        </section>
      ) : (
        article.keySentences.length > 0 && (
          <section class="keypoints">
            <h2>{t('card.keySentences')}</h2>
            <ol>
              {article.keySentences.map((sentence, index) => (
                <li key={index}>{sentence}</li>
              ))}
            </ol>
          </section>
        )
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
    </article>
  );
}

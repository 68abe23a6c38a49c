import type { ComponentChildren } from 'preact';
import type { Article } from '../utils/types';
import { useT } from './i18n';

/** Who wrote the article, when and in which category, then what the caller adds (the reader adds reading time). */
export function Byline({ article, class: className, children }: { article: Article; class: string; children?: ComponentChildren }) {
  const t = useT();
  const { author, published, category } = article;
  return (
    <p class={className}>
      {author.url ? (
        <a href={author.url} target="_blank" rel="noreferrer">
          {author.name}
        </a>
      ) : (
        <span>{author.name}</span>
      )}
      <time dateTime={published ?? undefined}>{published?.slice(0, 10) ?? t('card.unknownDate')}</time>
      <span class="category">{category.name ?? category.slug}</span>
      {children}
    </p>
  );
}

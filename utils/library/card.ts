/** The part of a library card that comes from the article itself (the store's and the CLI's cards alike). */
import type { Article } from '../types';
import type { LibraryCard } from './types';

export const cardFieldsOf = (article: Article): Pick<LibraryCard, 'url' | 'title' | 'author' | 'category' | 'tags' | 'published' | 'lead' | 'cover'> => ({
  url: article.url,
  title: article.title,
  author: article.author.name,
  category: { slug: article.category.slug, name: article.category.name },
  tags: [...article.tags],
  published: article.published,
  lead: article.lead,
  cover: article.cover,
});

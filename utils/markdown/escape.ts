import TurndownService from 'turndown';

/** `<` that would open a tag, comment or autolink in Markdown, escaped so that it renders as text. */
export const escapeTags = (text: string) => text.replace(/<(?=[a-zA-Z/!?])/g, '\\<');

/** Text -> Markdown that shows it as is: turndown's escapes (`*`, `_`, `[`, line-start `#`…) plus `<` of tags. */
export const escapeMarkdown = (text: string) => escapeTags(TurndownService.prototype.escape(text));

/**
 * Everything this project knows about woshipm.com, as data: `woshipm` (at the end) is the
 * SiteProfile the extraction pipeline is given, `woshipmUrls` its part the extension reads without
 * extracting. Those two are all this file exports (tests/site.test.ts checks it): whoever needs a
 * piece reads it off the profile, so a second site is a second table. When the site changes, this
 * is the one file to edit (and a fixture page to add).
 *
 * Each field lists its sources in order of trust: site selectors first, then sources that survive a
 * redesign (meta tags, JSON-LD, link shapes, text patterns).
 */

import type { SiteProfile, SiteUrls, Source } from './profile';
import { numbered } from '../points';

const origin = 'https://www.woshipm.com';

/** Hosts the content script runs on. */
const hostPattern = /(^|\.)woshipm\.com$/i;
/** The same hosts as a match pattern: content script, host permission, menus and the batch's tab query all use this. */
const matches = ['*://*.woshipm.com/*'];

/** `https://www.woshipm.com/u/<id>`, on any subdomain, with or without a query. */
const profileLink = /^https?:\/\/(?:[a-z0-9-]+\.)?woshipm\.com\/u\/(\d+)\/?(?:[?#].*)?$/i;
const profileUrl = (id: string) => `${origin}/u/${id}`;

/** `https://www.woshipm.com/<category>/<id>.html` */
const articlePath = /^\/([a-z][a-z0-9-]*)\/(\d+)\.html$/i;

/** Paths that are never an article, whatever they contain. */
const nonArticlePaths: { kind: string; path: RegExp }[] = [
  { kind: 'home', path: /^\/?$/ },
  { kind: 'list', path: /^\/category\// },
  { kind: 'list', path: /^\/[a-z][a-z0-9-]*\/?(page\/\d+\/?)?$/i },
  { kind: 'tag', path: /^\/tag\// },
  { kind: 'author', path: /^\/u\/\d+/ },
  { kind: 'search', path: /^\/search/ },
];

/** Sample URLs the site table must classify right (a test reads these; the warm-up's sample article takes the first). */
const sampleUrls = {
  article: [
    'https://www.woshipm.com/zhichang/6025589.html',
    'http://www.woshipm.com/pmd/5239764.html',
    'https://woshipm.com/ai/6200141.html?utm_source=x#comments',
    'https://m.woshipm.com/data-analysis/5343571.html',
  ],
  notArticle: [
    'https://www.woshipm.com/',
    'https://www.woshipm.com/category/pmd',
    'https://www.woshipm.com/category/pmd/page/2',
    'https://www.woshipm.com/tag/%e5%87%ba%e6%b5%b7',
    'https://www.woshipm.com/u/956307',
    'https://www.woshipm.com/search-result?type=post&key=AI',
    'https://www.woshipm.com/pmd',
  ],
  otherSite: [
    'https://ke.qidianla.com/courses/bcpm',
    'https://www.notwoshipm.com/pmd/1.html',
    'https://example.com/pmd/6025589.html',
    'chrome://extensions/',
    'about:blank',
  ],
};

/** Category slug -> name as the site labels it. Only names verified on the site are listed. */
const categoryNames: Record<string, string> = {
  ai: 'AI',
  pd: '产品设计',
  it: '业界动态',
  zhichang: '职场攻略',
  marketing: '营销推广',
  'data-analysis': '数据分析',
  evaluating: '分析评测',
  operate: '产品运营',
  'user-research': '用户研究',
};

/**
 * Links to a category page, whose text is the name the page shows: the breadcrumb's first, then
 * (after the table above) any, such as the site navigation's.
 */
const categoryLinks = { breadcrumb: '.breadcrumb a[href*="/category/"]', any: 'a[href*="/category/"]' };

/** The article body on the current layout; without it Readability finds the body on its own. */
const contentSelectors = ['.article--content'];

/** `<title>` carries the site name after the article title. */
const titleSuffix = /\s*[|_\-–—]\s*人人都是产品经理.*$/;

const fields = {
  title: [{ css: 'h2.article--title' }, { meta: 'og:title' }, { jsonld: 'headline' }, { css: 'h1' }, { css: 'title' }],
  authorName: [{ css: '.authorCard--title a' }, { css: 'a.ui-captionStrong' }, { jsonld: 'author.name' }, { meta: 'author' }],
  authorUrl: [{ css: '.authorCard--title a', attr: 'href' }, { css: 'a.ui-captionStrong', attr: 'href' }, { jsonld: 'author.url' }],
  published: [
    { meta: 'article:published_time' },
    { jsonld: 'datePublished' },
    { css: 'time', attr: 'datetime' },
    { css: '.article--wrapper time' },
    { css: 'time' },
  ],
  lead: [
    { css: '.article--content > blockquote:first-child' },
    { jsonld: 'description' },
    { meta: 'og:description' },
    { meta: 'description' },
    { css: 'blockquote' },
  ],
  cover: [{ meta: 'og:image' }, { jsonld: 'image.url' }, { jsonld: 'image' }],
  canonical: [
    { meta: 'og:url' },
    { css: 'link[rel="canonical"]', attr: 'href' },
    { jsonld: 'mainEntityOfPage.@id' },
    { jsonld: 'mainEntityOfPage' },
    { jsonld: 'url' },
  ],
} satisfies Record<string, Source[]>;

/** Tags: the tag list's links, else any link of tag shape, else the keywords meta tag. */
const tags = { selectors: ['.taglist a'], keywordsMeta: 'keywords' };

/** Links whose shape identifies what they point to, whatever their class names. */
const linkShapes = {
  author: /^https?:\/\/(www\.)?woshipm\.com\/u\/\d+\/?$/i,
  tag: /^https?:\/\/(www\.)?woshipm\.com\/tag\/[^/?#]+\/?$/i,
};

/** Number patterns. A number is `4021`, `1,024`, `1.2万`, `3k`; the first group is the number. */
const num = String.raw`(\d[\d,]*(?:\.\d+)?\s*[万wWkK]?)`;
const re = (source: string) => new RegExp(source.replace('NUM', num));

/**
 * The meta line holds `N 评论 N 浏览 N 收藏 N 分钟` (older pages run it together with the date,
 * which is removed before these run). Without the site selectors, the meta line is the smallest
 * element whose text has both a view and a comment count.
 */
const metaLine = {
  selectors: ['.meta--sup__right', '.meta--sup'],
  mustHave: ['views', 'comments'] as const,
  keyword: /浏览|评论/,
  maxLength: 300,
};

const statPatterns = {
  comments: [re(String.raw`NUM\s*评论`)],
  views: [re(String.raw`NUM\s*浏览`)],
  collects: [re(String.raw`NUM\s*收藏`)],
  readingMinutes: [re(String.raw`NUM\s*分钟`)],
};

/** Likes are in the footer bar (`赞赏 收藏已收藏N 点赞已赞N`), searched in these regions in order. */
const likes = {
  regions: ['.article--postmeta', '.postmeta--actions', 'body'],
  patterns: [re(String.raw`点赞已赞\s*NUM`), re(String.raw`NUM\s*点赞`)],
};

/** Date shapes in text: 2024-04-02, 2024/4/2, 2024年4月2日, and relative ones the site shows. */
const datePatterns = {
  absolute: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2}))?/,
  relative: /(\d+)\s*(分钟|小时|天)前|(刚刚|昨天|前天)/,
};

/** Without a date element or meta line, a short text this long at most that holds a date is the date. */
const dateTextMaxLength = 40;

/** The site's own time zone: dates without one are read in it. */
const siteUtcOffsetHours = 8;

/** `clutter.imageUrls`, also in `woshipmUrls`: the popup's image export needs these and none of the rest of the table. */
const clutterImageUrls: readonly RegExp[] = [
  /static\.woshipm\.com\/tag\//i,
  /imageView2\/1\/w\/72\/h\/72/i,
  /pwmqr\.com/i,
  /woshipm\.com\/ad\//i,
  /\/loading\.gif/i,
  /qidianla\.com/i,
];

/**
 * Clutter: removed from the clone before Readability, and again from its output.
 * Selectors are the known blocks; the rest are shape rules that survive renamed classes.
 */
const clutter = {
  selectors: [
    'script',
    'style',
    'noscript',
    'iframe',
    'form',
    'button',
    'header',
    'footer',
    'nav',
    'aside',
    '.header',
    '.footer',
    '.sidebar',
    '.breadcrumb',
    '.author-card',
    '.article--meta',
    '.article--postmeta',
    '.relate-post',
    '.copyright-statement',
    '[data-role="ad"]',
    '.rewards-wrapper',
    '.woshipm-statement',
    '.taglist',
    '.article--share',
    '.course-card',
    '.comments',
    '#comments',
    '.login-tip',
  ],
  /** Any link to these hosts is promotion or sharing; its nearest block goes too. */
  linkHosts: [/(^|\.)qidianla\.com$/i, /(^|\.)weibo\.com$/i, /(^|\.)pwmqr\.com$/i, /(^|\.)996\.pm$/i],
  /** A heading of this text starts a site campaign section (年度评选 votes) that runs to the next heading. */
  sectionHeadings: [/^为我投票$/],
  /** Images from these places are avatars, badges, QR codes or ads, never article content. */
  imageUrls: clutterImageUrls,
  imageAlts: [/二维码/, /起点课堂/],
  /** A block whose whole text matches one of these is furniture. */
  blockTexts: [
    /^关注$/,
    /^分享$/,
    /^赞赏/,
    /^分享到微博$/,
    /^微信扫一扫/,
    /更多精彩内容，请关注人人都是产品经理微信公众号或下载App/,
    /查看详情\s*>\s*$/,
    /^(关注)?\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}.{0,8}\d+\s*评论/,
    /^(\d[\d.,]*\s*[万wWkK]?\s*(评论|浏览|收藏|分钟)\s*[·|]?\s*){2,}$/,
    /^收藏(已收藏)?\s*\d*\s*点赞/,
    /^登录后/,
    /^相关(文章|推荐)$/,
    /^热门文章$/,
    /^(上一篇|下一篇)[:：]/,
  ],
};

/**
 * Paragraphs that credit the source: kept out of the body, offered as `article.attribution`.
 * From the first of them, the short paragraphs that close the article (bylines, the column
 * writer's bio, a repeated credit block) are credits too.
 */
const attributionPatterns = [
  /^本文由\s*@?.{0,100}(原创发布|授权发布|发布于)/,
  /^本文原创发布于/,
  /^本文(为|系).{0,40}(原创|授权|转载)/,
  /^题图(来自|由|源自)/,
  /^(头图|封面图?)(来自|由)/,
  /^该文观点仅代表作者本人/,
  /^原文(标题|链接)?[:：]/,
];

/**
 * The site's label over the column writer's bio, a bold line or a heading: `专栏作家`, `#专栏作家#`. It goes with the
 * credits wherever it is, but credits no one: it is kept in neither the body, the outline nor `article.attribution`.
 */
const attributionLabels = [/^#?专栏作家#?$/];

/**
 * Bylines the author or editor put at the end of the body: who wrote, edited or translated it, where
 * it first ran, the writer's bio. Credits too, but only in the closing run of credits (just before
 * or after the site's own credit lines, or ending the article): mid-article, `作者：` or `来源：` can be
 * the text itself (a quoted source, a table row).
 */
const bylinePatterns = [
  /^(原文)?(作者|译者|编译|编辑|责编|责任编辑|撰文|文字|出品|出品人|排版|校对|审校|策划|统筹|监制)\s*[:：|｜丨]/,
  /^(来源|来源公众号|本文来源|文章来源|转载自|本文转载自|原文链接|原文地址|原文标题)\s*[:：|｜丨“"「《]/,
  /^本文(来自|转载自|首发于|首发自)/,
  /^(微信)?公众号\s*[:：]/,
  /^译自/,
  // The column writer's bio: "X；公众号：Y，人人都是产品经理专栏作家。…"
  /人人都是产品经理(专栏作家|年度作者|签约作者|特约作者)/,
];

/** Closing paragraphs after the first credit line count as credits while they are this short. */
const attributionTailMaxLength = 300;

/** Pages that say the article is gone. */
const notFoundPatterns = [/页面不存在/, /404/, /文章已删除/, /内容不存在/];

/**
 * Bold that serves as a heading: a short paragraph wholly in bold, numbered (`1. 建立以客户为中心的文化`,
 * `二、…`, `（3）…`, `第一步…`), a label (`DeepSeek的回答：`), a question (`为什么询问“以客户为中心”问题？`) or a
 * phrase without end mark. It goes into the outline, not the key points.
 */
const boldHeading = {
  maxChars: 40,
  // a longer line ending in a colon is a sentence that leads into a list (…有没有遇到过这样的情况：)
  maxLabelChars: 25,
  maxPlainChars: 30,
  numbered,
  label: /[：:]$/,
  sentenceEnd: /[。！!；;…，,][”’」』）)]*$/,
};

/** Reading speed for the estimate when the page shows none (CJK characters per minute). */
const readingSpeed = 400;

/**
 * A page is an article only with a title of its own (not just the site's name) and a body: some
 * words, or failing that, images. The Vue front end first serves a shell that says 加载中….
 */
const articleMinimum = { siteTitle: /^\s*人人都是产品经理\s*$/, words: 20 };

/**
 * Examples as the site prints them (tests check them against the patterns above); the warm-up's sample
 * article (utils/rehearsal.ts) is made of them and the selectors.
 */
const samples = {
  urls: sampleUrls,
  metaLine: '1 评论 120 浏览 3 收藏 5 分钟',
  credit: '本文由 @作者 原创发布于人人都是产品经理，未经许可，禁止转载。',
};

/** The part the extension reads without extracting (content script, popup, background): see `SiteUrls`. */
export const woshipmUrls: SiteUrls = {
  origin,
  hostPattern,
  matches,
  articlePath,
  nonArticlePaths,
  titleSuffix,
  contentSelectors,
  clutter: { imageUrls: clutterImageUrls },
};

/** The table as the pipeline reads it: `extractArticle(doc, url, woshipm)`. */
export const woshipm: SiteProfile = {
  ...woshipmUrls,
  profileLink,
  profileUrl,
  categoryNames,
  categoryLinks,
  fields,
  tags,
  linkShapes,
  metaLine,
  statPatterns,
  likes,
  datePatterns,
  dateTextMaxLength,
  siteUtcOffsetHours,
  clutter,
  attributionPatterns,
  attributionLabels,
  bylinePatterns,
  attributionTailMaxLength,
  notFoundPatterns,
  boldHeading,
  readingSpeed,
  articleMinimum,
  samples,
};

// Builds realistic saved woshipm.com pages from the naive conversions in /work/shared/fixtures/naive
// (read-only) and self-checks them with jsdom. Run: npx tsx tools/make-fixture-pages.ts
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Marked, type Renderer, type Tokens } from 'marked';
import { woshipm } from '../utils/site/woshipm';

type Variant = 'modern' | 'classic' | 'bare';
const SRC = '/work/shared/fixtures/naive';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures');
const SITE = 'https://www.woshipm.com';
const LOADING = 'https://static.woshipm.com/img/loading.gif';
const GREY = 'data:image/gif;base64,R0lGODlhAQABAIAAAO/v7wAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==';
const CHOSEN: [string, Variant][] = [
  ...[
    'woshipm-6025589',
    'marketing-2023-5966719',
    'operate-2023-5957178',
    'pd-2024-6119971',
    'data-analysis-2024-6106918',
    'it-2025-6200141',
    'zhichang-2025-6191298',
    'evaluating-2023-5774456',
    'marketing-2025-6222451',
  ].map((n): [string, Variant] => [n, 'modern']),
  ...[
    'chuangye-2020-4278313',
    'chuangye-2021-4425532',
    'pmd-2021-5239764',
    'data-analysis-2022-5343571',
    'evaluating-2022-5499271',
    'data-analysis-2021-5201013',
  ].map((n): [string, Variant] => [n, 'classic']),
  ...['user-research-2022-5574214', 'pmd-2025-6195764', 'user-research-2025-6178309'].map((n): [string, Variant] => [n, 'bare']),
];

interface Head {
  name: string;
  title: string;
  author: string;
  profile: string;
  date: string;
  views: number;
  comments: number;
  collects: number;
  tags: string[];
  url: string;
  slug: string;
  id: string;
  summary: string;
  page: string;
  pic: string;
}
interface Article extends Head {
  variant: Variant;
  lazy: boolean;
  avatar: string;
  badges: string[];
  minutes: number;
  course?: { text: string; url: string };
  pageSummary?: string;
  cover: string;
  preBody: string;
  body: string;
  attribution: string;
  footCollects: string;
  likes: string;
  tagLinks: { name: string; url: string }[];
  weibo: string;
  qr: string;
  notes: string[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const json = (v: unknown, indent?: number): string => JSON.stringify(v, null, indent).replace(/</g, '\\u003c');
const norm = (s: string): string => s.replace(/[\s\u200b-\u200d\ufeff]+/g, ' ').trim();
const iso = (date: string): string => `${date}T08:00:00+08:00`;
function fail(name: string, msg: string): never {
  throw new Error(`${name}: ${msg}`);
}
/** A value the code relies on being there (array item, regex group): throws with `what` instead of letting `undefined` into a page. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}
/** Capture groups `ks` of a match as a tuple of strings; each must have taken part in the match. */
function groups<K extends number[]>(m: RegExpMatchArray, what: string, ...ks: K): { [I in keyof K]: string } {
  // map keeps the length and order of ks, so the tuple type holds
  return ks.map((k) => must(m[k], `${what} (capture group ${k})`)) as { [I in keyof K]: string };
}

export function parseHead(name: string, md: string): Head {
  const lines = md.split('\n');
  const sep = lines.indexOf('---');
  if (sep < 0) fail(name, 'no --- separator');
  const head = lines.slice(0, sep).join('\n');
  const m = (re: RegExp, what: string): RegExpMatchArray => head.match(re) ?? fail(name, `header has no ${what}`);
  const hw = (what: string): string => `${name}: header ${what}`;
  const [author, profile] = groups(m(/\*\*Author:\*\* \[([^\]]+)\]\(([^)]+)\)/, 'author'), hw('author'), 1, 2);
  const [views, comments, collects] = groups(m(/👁️ (\d+) views \| 💬 (\d+) comments \| ⭐ (\d+) collects/, 'stats'), hw('stats'), 1, 2, 3);
  const tagLine = groups(m(/\*\*Tags:\*\* (.*)/, 'tags'), hw('tags'), 1)[0].trim();
  const [url, slug, id] = groups(m(/\*\*Original:\*\* \[[^\]]*\]\((https:\/\/www\.woshipm\.com\/([\w-]+)\/(\d+)\.html)\)/, 'url'), hw('url'), 1, 2, 3);
  const page = lines.slice(sep + 1).join('\n');
  return {
    name,
    title: groups(m(/^# (.+)$/m, 'title'), hw('title'), 1)[0].trim(),
    author,
    profile,
    date: groups(m(/\*\*Published:\*\* (\d{4}-\d{2}-\d{2})/, 'date'), hw('date'), 1)[0],
    views: +views,
    comments: +comments,
    collects: +collects,
    url,
    slug,
    id,
    page,
    tags: tagLine.includes('`')
      ? [...tagLine.matchAll(/`([^`]+)`/g)].map((t) => groups(t, hw('tag'), 1)[0])
      : tagLine
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
    summary: lines
      .slice(0, sep)
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2))
      .join('\n')
      .trim(),
    pic: decodeURIComponent(page.match(/&pic=([^)\s&]+)\)/)?.[1] ?? ''),
  };
}

export function parseArticle(h: Head, variant: Variant, lazy: boolean): Article {
  const p = h.page;
  const notes: string[] = [];
  let pos = 0;
  const need = (re: RegExp, what: string): RegExpExecArray => {
    re.lastIndex = pos;
    const r = re.exec(p) ?? fail(h.name, `page has no ${what}`);
    pos = r.index + r[0].length;
    return r;
  };
  const pw = (what: string): string => `${h.name}: page ${what}`;
  const title = groups(need(/^## (.+)$/gm, 'title'), pw('title'), 1)[0].trim();
  const [avatar, avProfile] = groups(need(/\[!\[\]\(([^)\s]+)\)\]\((https:\/\/www\.woshipm\.com\/u\/\d+)\)/g, 'avatar link'), pw('avatar link'), 1, 2);
  const [auName, auProfile] = groups(need(/\[([^\]]+)\]\((https:\/\/www\.woshipm\.com\/u\/\d+)\)/g, 'author link'), pw('author link'), 1, 2);
  const afterAuthor = pos;
  const meta = need(/关注\s*(\d{4}-\d{2}-\d{2})\s*(\d+) 评论 (\d+) 浏览 (\d*) 收藏 (\d+) 分钟/g, 'meta line');
  const badges = [...p.slice(afterAuthor, meta.index).matchAll(/!\[\]\((https:\/\/static\.woshipm\.com\/tag\/[^)\s]+)\)/g)].map(
    (b) => groups(b, pw('badge'), 1)[0],
  );
  const courseRe = /\s*\[([^\]!][^\]]*)\]\((https:\/\/ke\.qidianla\.com\/[^)\s]+)\)/y;
  courseRe.lastIndex = pos;
  const course = courseRe.exec(p);
  const courseLink = (c: RegExpExecArray): { text: string; url: string } => {
    const [text, url] = groups(c, pw('course promo link'), 1, 2);
    return { text: text.trim(), url };
  };
  if (course) pos = courseRe.lastIndex;
  else notes.push('no course promo link in the meta area');
  const sumRe = /\s*((?:> .*(?:\n|$))+)/y;
  sumRe.lastIndex = pos;
  const sum = sumRe.exec(p);
  if (sum) pos = sumRe.lastIndex;
  else notes.push('no summary blockquote on the page');
  const summaryEnd = pos;
  const cover = need(/^[\u200b-\u200d\ufeff]*!\[[^\]]*\]\(([^)\s]+)\)[ \t]*$/gm, 'cover image');
  const [coverSrc] = groups(cover, pw('cover image'), 1);
  if (/^[\u200b-\u200d\ufeff]/.test(cover[0])) notes.push('invisible U+200D characters before the cover image');
  const preBody = p.slice(summaryEnd, cover.index).trim();
  if (preBody) notes.push(`body text BEFORE the cover image: "${norm(preBody).slice(0, 40)}…"`);
  const rest = p.slice(pos);
  const attrAt = rest.search(/^(本文由|题图来自|该文观点仅代表作者本人)/m);
  const footAt = rest.search(/^赞赏 收藏已收藏/m);
  if (attrAt < 0 || footAt < attrAt) fail(h.name, 'attribution/footer not found in order');
  const foot = rest.slice(footAt);
  const [footCollects, likes] = groups(foot.match(/^赞赏 收藏已收藏(\d*) 点赞已赞(\d*)/) ?? fail(h.name, 'no reward bar'), pw('reward bar'), 1, 2);
  if (!foot.includes('更多精彩内容，请关注人人都是产品经理微信公众号或下载App')) fail(h.name, 'no statement');
  const tagLinks = [...foot.matchAll(/\[([^\]]+)\]\((https:\/\/www\.woshipm\.com\/tag\/[^)\s]+)\)/g)].map((t) => {
    const [name, url] = groups(t, pw('tag link'), 1, 2);
    return { name, url };
  });
  const [weibo] = groups(
    foot.match(/\[分享到微博\]\((https:\/\/service\.weibo\.com\/[^\n]*?)\)(?=\s*微信扫一扫)/) ?? fail(h.name, 'no weibo link'),
    pw('weibo link'),
    1,
  );
  const [qr] = groups(foot.match(/!\[微信二维码\]\(([^)\s]+)\)/) ?? fail(h.name, 'no QR image'), pw('QR image'), 1);
  const [date, comments, views, collects, minutes] = groups(meta, pw('meta line'), 1, 2, 3, 4, 5);
  const check = (what: string, a: unknown, b: unknown): void => {
    if (a !== b) fail(h.name, `${what}: header ${String(a)} vs page ${String(b)}`);
  };
  check('title', norm(h.title), norm(title));
  check('date', h.date, date);
  check('comments', h.comments, +comments);
  check('views', h.views, +views);
  check('collects', h.collects, +collects);
  check('author', h.author, auName.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')); // turndown escapes Markdown characters in the page's copy
  check('profile', h.profile, auProfile);
  check('avatar profile', h.profile, avProfile);
  check('tags', h.tags.join('|'), tagLinks.map((t) => t.name).join('|'));
  if (footCollects !== '') check('footer collects', h.collects, +footCollects);
  else notes.push(`footer collect count empty ("收藏已收藏 "), header says ${h.collects}`);
  if (likes === '') notes.push('like count missing ("点赞已赞" with no number)');
  const pageSummary = sum
    ? groups(sum, pw('summary blockquote'), 1)[0]
        .split('\n')
        .map((l) => l.replace(/^> ?/, ''))
        .join('\n')
        .trim()
    : undefined;
  if (pageSummary !== undefined && norm(pageSummary) !== norm(h.summary)) notes.push('page summary differs from header summary');
  if (h.pic && h.pic !== coverSrc) notes.push(`cover ${coverSrc} differs from weibo share pic ${h.pic}`);
  return {
    ...h,
    variant,
    lazy,
    avatar,
    badges,
    minutes: +minutes,
    pageSummary,
    cover: coverSrc,
    preBody,
    notes,
    course: course ? courseLink(course) : undefined,
    body: rest.slice(0, attrAt).trim(),
    attribution: rest.slice(attrAt, footAt).trim(),
    footCollects,
    likes,
    tagLinks,
    weibo,
    qr,
  };
}

/** `**a****b**` -> `<strong>a</strong><strong>b</strong>`; turndown's bold is not always CommonMark-valid, so do it by hand. */
function boldToHtml(md: string): string {
  return md
    .split('\n')
    .map((line) => {
      let out = '';
      let last = 0;
      let open = false;
      for (const m of line.matchAll(/\\[\s\S]|\*{2,}/g)) {
        if (m[0][0] === '\\') continue;
        if (m[0].length % 2) throw new Error(`odd * run in: ${line}`);
        out += line.slice(last, m.index);
        for (let k = 0; k < m[0].length / 2; k++) {
          out += open ? '</strong>' : '<strong>';
          open = !open;
        }
        last = m.index + m[0].length;
      }
      if (open) throw new Error(`unbalanced bold in: ${line}`);
      return out + line.slice(last);
    })
    .join('\n');
}

const CARD_RE = /^\[!\[\]\(([^)\s]+)\)((?:(?!\]\()[\s\S])*?)查看详情 >\s*\]\((https:\/\/ke\.qidianla\.com\/[^)\s]+)\)[ \t]*$/gm;

function courseCard(img: string, text: string, url: string, v: Variant): string {
  const [first, ...desc] = text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const title = must(first, `course card title (${url})`);
  if (v === 'bare') {
    return (
      `<div class="c-box"><a href="${esc(url)}" target="_blank"><img src="${esc(img)}"><div>${esc(title)}</div>` +
      `${desc.length ? `<p>${esc(desc.join(' '))}</p>` : ''}<span>查看详情 &gt;</span></a></div>`
    );
  }
  return (
    `<div class="course-card"><a href="${esc(url)}" target="_blank"><img src="${esc(img)}"><div class="course-card__title">${esc(title)}</div>` +
    `${desc.length ? `<div class="course-card__desc">${esc(desc.join(' '))}</div>` : ''}<span>查看详情 &gt;</span></a></div>`
  );
}

/** Body image as each layout lazy-loads it. In "bare" the cover takes part too: the three bare pages have only one body image. */
function imgTag(href: string, text: string, a: Article, imgs: { n: number }): string {
  const [src, alt] = [esc(href), esc(text)];
  if (a.variant === 'classic') return `<img src="${GREY}" data-original="${src}" alt="${alt}">`;
  if (a.variant === 'modern') return a.lazy ? `<img src="${LOADING}" data-src="${src}" class="lazy" alt="${alt}">` : `<img src="${src}" alt="${alt}">`;
  const i = imgs.n++;
  if (i % 2 === 0) return `<img src="${GREY}" data-actualsrc="${src}" alt="${alt}">`;
  return i % 4 === 1 ? `<img srcset="${src} 1x" alt="${alt}">` : `<img src="${src}" alt="${alt}">`;
}

function renderMd(md: string, a: Article, imgs: { n: number }): string {
  const cards: string[] = [];
  const src = boldToHtml(
    md.replace(CARD_RE, (_all, img: string, text: string, url: string) => {
      cards.push(courseCard(img, text, url, a.variant));
      return `\n\nXCOURSECARDX${cards.length - 1}X\n\n`;
    }),
  );
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    tokenizer: { url: () => undefined }, // no GFM bare-URL autolinks: text that was not a link stays text
    renderer: {
      image: ({ href, text }: Tokens.Image): string => imgTag(href, text, a, imgs),
      link(this: Renderer, { href, tokens }: Tokens.Link): string {
        const h = a.variant === 'classic' ? href.replace(/^https?:\/\/www\.woshipm\.com(?=\/)/, '') : href;
        return `<a href="${esc(h)}" target="_blank">${this.parser.parseInline(tokens)}</a>`;
      },
    },
  });
  const html = marked.parse(src) as string;
  return html.replace(/<p>XCOURSECARDX(\d+)X<\/p>/g, (_m, k: string) => must(cards[+k], `course card #${k}`));
}

function commonHead(title: string, extra: string, state: object): string {
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${esc(title)}</title>\n${extra}\n<link rel="stylesheet" href="${SITE}/wp-content/themes/wpzs/css/woshipm.min.css?ver=6.2.1">\n` +
    `<link rel="icon" href="${SITE}/favicon.ico">\n<script>var _hmt = _hmt || []; _hmt.push(['_setAutoPageview', true]);</script>\n` +
    `<script>window.__INITIAL_STATE__ = ${json(state)};</script>\n</head>\n`
  );
}
const siteHeader = (cls: string): string =>
  `<header class="${cls}"><div class="${cls}-inner"><a class="logo" href="${SITE}/"><img src="${SITE}/wp-content/themes/wpzs/images/logo.png" alt="人人都是产品经理"></a>` +
  `<nav><a href="${SITE}/">首页</a><a href="${SITE}/category/pmd">产品经理</a><a href="${SITE}/category/operate">运营</a><a href="${SITE}/category/ai">AI</a><a href="${SITE}/login">登录</a><a href="${SITE}/register">注册</a></nav>` +
  `<form action="${SITE}/search-result" method="get"><input type="hidden" name="type" value="post"><input type="text" name="key" placeholder="搜索文章、作者"><button type="submit">搜索</button></form>` +
  '</div></header>';
const siteFooter = (cls: string): string =>
  `<footer class="${cls}"><div class="${cls}-links"><a href="${SITE}/about">关于我们</a><a href="${SITE}/contact">联系我们</a><a href="${SITE}/copyright">版权声明</a></div>` +
  `<p>© 2010-2026 人人都是产品经理 All Rights Reserved · 粤ICP备14037330号</p></footer>`;
const linkList = (items: Head[]): string => items.map((i) => `<li><a href="${esc(i.url)}">${esc(i.title)}</a></li>`).join('');
const adBlock = (attr: string, n: number): string =>
  `<div ${attr}><a href="https://ke.qidianla.com/courses/${n % 2 ? 'bcpm' : '90pm'}" target="_blank"><img src="https://image.woshipm.com/ad/side-${(n % 3) + 1}.png" alt="起点课堂"></a></div>`;

function sidebar(cls: string, adAttr: string, hot: Head[], a?: Article): string {
  const card = a
    ? `<div class="${cls}-author"><a href="${esc(a.profile)}"><img src="${esc(a.avatar)}" alt=""></a><a href="${esc(a.profile)}">${esc(a.author)}</a><button>关注</button></div>`
    : '';
  return `<aside class="${cls}">${card}<div class="${cls}-hot"><h3>热门文章</h3><ul>${linkList(hot)}</ul></div>${adBlock(adAttr, hot.length + (a ? +a.id : 0))}</aside>`;
}

function comments(a: Article, cls: string): string {
  const fake = [
    ['产品小白阿June', '写得很实在，收藏了，回头再细看一遍。'],
    ['运营喵喵', '第二部分说到点子上了，我们团队也遇到过同样的问题。'],
  ];
  const item = cls === 'comments' ? 'comment' : `${cls}-item`;
  const items = fake
    .slice(0, Math.min(a.comments, 2))
    .map(
      ([u, t], i) => `<div class="${item}"><a class="${item}-user" href="${SITE}/u/${(+a.id % 97) + 1000 + i}">${u}</a><p>${t}</p><span>${a.date}</span></div>`,
    );
  return `<div class="${cls}" id="comments"><h3>评论</h3>${items.join('') || `<div class="${cls}-empty">还没评论，快来抢沙发吧！</div>`}<div class="login-tip">登录后才能评论</div></div>`;
}

export function articlePage(a: Article, hot: Head[], rel: Head[], bareIndex: number): string {
  const imgs = { n: bareIndex % 2 };
  const v = a.variant;
  const ld = `<script type="application/ld+json">${json({
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title,
    author: { '@type': 'Person', name: a.author, url: a.profile },
    datePublished: iso(a.date),
    description: a.summary,
    image: a.cover,
    mainEntityOfPage: a.url,
  })}</script>`;
  const head = [
    `<meta name="keywords" content="${esc(a.tags.join(','))}">`,
    `<meta name="description" content="${esc(a.summary)}">`,
    '<meta property="og:type" content="article">',
    `<meta property="og:title" content="${esc(a.title)}">`,
    `<meta property="og:url" content="${esc(a.url)}">`,
    `<meta property="og:image" content="${esc(a.cover)}">`,
    ...(v === 'modern' ? [`<meta property="article:published_time" content="${iso(a.date)}">`] : []),
    ...(v === 'classic' ? [] : [ld]),
  ].join('\n');
  const state = { route: 'article', articleId: +a.id, category: a.slug, user: { isLogin: false }, theme: v === 'classic' ? 'v2' : 'v3' };
  const content = [
    a.pageSummary === undefined ? '' : `<blockquote><p>${esc(a.pageSummary)}</p></blockquote>`,
    a.preBody ? renderMd(a.preBody, a, imgs) : '',
    `<p>${v === 'bare' ? imgTag(a.cover, '', a, imgs) : `<img src="${esc(a.cover)}" alt="">`}</p>`,
    renderMd(a.body, a, imgs),
    renderMd(a.attribution, a, imgs),
  ]
    .filter(Boolean)
    .join('\n');
  const badges = a.badges.map((b) => `<img class="badge" src="${esc(b)}" alt="">`).join('');
  const tags = a.tagLinks.map((t) => `<a href="${esc(t.url)}">${esc(t.name)}</a>`).join('');
  const course = a.course ? `<a class="meta--course" href="${esc(a.course.url)}" target="_blank">${esc(a.course.text)}</a>` : '';
  const counts = `${a.comments} 评论 ${a.views} 浏览 ${a.collects} 收藏 ${a.minutes} 分钟`;
  let main: string;
  if (v === 'bare') {
    const who =
      `<a href="${esc(a.profile)}"><img src="${esc(a.avatar)}" alt=""></a><a href="${esc(a.profile)}">${esc(a.author)}</a> ` +
      `${a.badges.map((b) => `<img src="${esc(b)}" alt="">`).join('')} <span>关注</span>`;
    main =
      `<div class="post">\n<div class="post-head"><h1>${esc(a.title)}</h1>\n<div class="p-info">${who}\n` +
      `<div>${a.date} · ${counts.replace(/ (?=\d)/g, ' · ')}</div>\n${a.course ? `<a href="${esc(a.course.url)}">${esc(a.course.text)}</a>` : ''}</div></div>\n` +
      `<div class="p-body">\n${content}\n</div>\n<div class="p-foot"><div>赞赏 收藏已收藏${a.footCollects} 点赞已赞${a.likes}</div>\n<p>更多精彩内容，请关注人人都是产品经理微信公众号或下载App</p>\n` +
      `<div class="x-tags">${tags}</div>\n<div class="x-share"><a href="${esc(a.weibo)}">分享到微博</a><span>微信扫一扫</span><img alt="微信二维码" src="${esc(a.qr)}"><span>分享</span></div></div>\n</div>\n` +
      `${adBlock('class="x-ad"', +a.id)}\n<div class="x-rel"><h3>相关文章</h3><ul>${linkList(rel)}</ul></div>\n${comments(a, 'cmt')}`;
  } else {
    const author =
      `<div class="author-card"><a class="author-avatar" href="${esc(a.profile)}"><img src="${esc(a.avatar)}" alt=""></a>` +
      `<div class="authorCard--title"><a class="ui-captionStrong" href="${esc(a.profile)}">${esc(a.author)}</a> ${badges}</div>${v === 'modern' ? '<button class="follow-btn">关注</button>' : ''}</div>`;
    const metaLine =
      v === 'modern'
        ? `<div class="meta--sup"><time>${a.date}</time><div class="meta--sup__right">${counts.replace(/(\d+ \S+) ?/g, '<span>$1</span> ').trim()}</div></div>\n${course}`
        : `<div class="meta--sup">关注<time>${a.date}</time>${counts}${a.course ? `<a href="${esc(a.course.url)}">${esc(a.course.text)}</a>` : ''}</div>`;
    const name = woshipm.categoryNames[a.slug];
    const top =
      v === 'modern'
        ? `<div class="article-top-banner" data-role="ad"><a href="https://ke.qidianla.com/courses/${+a.id % 2 ? 'bcpm' : '90pm'}"><img src="https://image.woshipm.com/ad/banner-${a.id}.png" alt="起点课堂"></a></div>\n` +
          (name
            ? `<div class="breadcrumb"><a href="${SITE}/">首页</a> &gt; <a href="${SITE}/category/${a.slug}">${name}</a> &gt; <span>正文</span></div>\n`
            : '')
        : '';
    main =
      `${top}<div class="article--wrapper">\n<h2 class="article--title">${esc(a.title)}</h2>\n<div class="article--meta">\n${author}\n${metaLine}\n</div>\n` +
      `<div class="article--content grap">\n${content}\n</div>\n<div class="article--postmeta"><div class="rewards-wrapper"><button>赞赏</button></div>` +
      `<div class="postmeta--actions"><span class="collect">收藏<span>已收藏</span>${a.footCollects}</span> <span class="like">点赞<span>已赞</span>${a.likes}</span></div></div>\n` +
      `<div class="woshipm-statement">更多精彩内容，请关注人人都是产品经理微信公众号或下载App</div>\n<div class="taglist">${tags}</div>\n` +
      `<div class="article--share"><a href="${esc(a.weibo)}">分享到微博</a><div class="share-qr">微信扫一扫<img alt="微信二维码" src="${esc(a.qr)}"></div><span>分享</span></div>\n` +
      `<div class="copyright-statement">本站所有文章版权归作者所有，转载请注明作者与出处，侵权必究。</div>\n</div>\n` +
      `<div class="relate-post"><h3>相关文章</h3><ul>${linkList(rel)}</ul></div>\n${comments(a, 'comments')}`;
  }
  const [hc, fc, sc] = v === 'bare' ? ['site-top', 'site-bottom', 'side'] : ['header', 'footer', 'sidebar'];
  return (
    `${commonHead(`${a.title} | 人人都是产品经理`, head, state)}<body class="single">\n<div id="app">\n${siteHeader(hc)}\n<div class="${v === 'bare' ? 'wrap' : 'main-container'}">\n<main>\n${main}\n</main>\n` +
    `${sidebar(sc, v === 'bare' ? 'class="x-ad"' : 'data-role="ad"', hot, a)}\n</div>\n${siteFooter(fc)}\n</div>\n</body>\n</html>\n`
  );
}

function listPage(url: string, title: string, og: boolean, intro: string, items: Head[], hot: Head[], extra = ''): string {
  const head = [
    `<meta name="keywords" content="产品经理,运营,人人都是产品经理">`,
    `<meta name="description" content="人人都是产品经理 - 产品经理、运营人员的学习与交流社区">`,
    ...(og
      ? ['<meta property="og:type" content="website">', `<meta property="og:title" content="${esc(title)}">`, `<meta property="og:url" content="${esc(url)}">`]
      : []),
  ].join('\n');
  const list = items
    .map(
      (i) =>
        `<article class="postlist-item">${i.pic ? `<a class="postlist-item__cover" href="${esc(i.url)}"><img src="${esc(i.pic)}" alt=""></a>` : ''}` +
        `<h2><a href="${esc(i.url)}">${esc(i.title)}</a></h2><p>${esc(i.summary)}</p><div class="postlist-item__meta"><a href="${esc(i.profile)}">${esc(i.author)}</a><span>${i.date}</span><span>${i.views} 浏览</span></div></article>`,
    )
    .join('\n');
  return (
    `${commonHead(title, head, { route: 'list', path: new URL(url).pathname, user: { isLogin: false } })}<body class="archive">\n<div id="app">\n${siteHeader('header')}\n` +
    `<div class="main-container">\n<main>\n${intro}\n<div class="postlist">\n${list}\n</div>\n${extra}\n</main>\n${sidebar('sidebar', 'data-role="ad"', hot)}\n</div>\n${siteFooter('footer')}\n</div>\n</body>\n</html>\n`
  );
}

function writeNonArticle(pool: Head[]): void {
  const dir = join(OUT, 'non-article');
  mkdirSync(dir, { recursive: true });
  const recent = [...pool].sort((x, y) => y.date.localeCompare(x.date) || x.name.localeCompare(y.name));
  const hot = [...pool].sort((x, y) => y.views - x.views || x.name.localeCompare(y.name)).slice(0, 5);
  const u = recent.find((h) => h.profile.endsWith('/u/956307')) ?? fail('author', 'no article by u/956307');
  const tagged = recent.filter((h) => h.tags.includes('出海'));
  const found = recent.filter((h) => /AI/.test(h.title + h.summary + h.page.split('本文由')[0])).slice(0, 8);
  const urls = {
    'home.html': `${SITE}/`,
    'list.html': `${SITE}/category/pmd/page/2`,
    'tag.html': `${SITE}/tag/%e5%87%ba%e6%b5%b7`,
    'author.html': `${SITE}/u/956307`,
    'search.html': `${SITE}/search-result?type=post&key=AI`,
    '404.html': `${SITE}/pmd/9999999.html`,
  } satisfies Record<string, string>;
  const pages: Record<string, string> = {
    'home.html': listPage(
      urls['home.html'],
      '人人都是产品经理 | 产品经理、产品爱好者学习交流平台',
      true,
      `<div class="home-banner" data-role="ad"><a href="https://ke.qidianla.com/courses/90pm"><img src="https://image.woshipm.com/ad/home-banner.png" alt="起点课堂"></a></div>\n<h3 class="section-title">最新文章</h3>`,
      recent.slice(0, 8),
      hot,
    ),
    'list.html': listPage(
      urls['list.html'],
      '产品经理 | 人人都是产品经理',
      true,
      '<div class="category-head"><h1>产品经理</h1><p>第 2 页</p></div>',
      recent.filter((h) => h.slug === 'pmd'),
      hot,
      `<div class="pagination"><a href="${SITE}/category/pmd">上一页</a><a href="${SITE}/category/pmd">1</a><span class="current">2</span><a href="${SITE}/category/pmd/page/3">3</a><a href="${SITE}/category/pmd/page/3">下一页</a></div>`,
    ),
    'tag.html': listPage(
      urls['tag.html'],
      '出海 | 人人都是产品经理',
      true,
      `<div class="tag-head"><h1>出海</h1><p>共 ${tagged.length} 篇文章</p></div>`,
      tagged,
      hot,
    ),
    'author.html': listPage(
      urls['author.html'],
      `${u.author}的个人主页 | 人人都是产品经理`,
      true,
      `<div class="user-head"><img src="${esc(u.page.match(/\[!\[\]\(([^)\s]+)\)\]/)?.[1] ?? '')}" alt=""><h1>${esc(u.author)}</h1><button>关注</button><p>文章 1 · 粉丝 1203</p></div>\n<h3 class="section-title">TA的文章</h3>`,
      [u],
      hot,
      `<h3 class="section-title">TA的收藏</h3>\n<div class="postlist">\n${recent
        .filter((h) => h !== u)
        .slice(3, 7)
        .map((i) => `<article class="postlist-item"><h2><a href="${esc(i.url)}">${esc(i.title)}</a></h2><p>${esc(i.summary)}</p></article>`)
        .join('\n')}\n</div>`,
    ),
    'search.html': listPage(
      urls['search.html'],
      'AI - 搜索结果 | 人人都是产品经理',
      false,
      `<div class="search-head"><h1>“AI”的搜索结果</h1><p>共找到 ${found.length} 条相关结果</p></div>`,
      found,
      hot,
    ),
  };
  pages['404.html'] =
    `${commonHead('页面不存在 | 人人都是产品经理', '<meta name="robots" content="noindex">', { route: 'notFound', user: { isLogin: false } })}<body class="error404">\n<div id="app">\n` +
    `${siteHeader('header')}\n<div class="main-container">\n<main>\n<div class="error-page"><h1>404</h1><p>页面不存在</p><p>抱歉，您访问的页面不存在或已被删除。</p><a href="${SITE}/">返回首页</a></div>\n` +
    `<div class="error-recommend"><h3>推荐阅读</h3><ul>${linkList(hot.slice(0, 3))}</ul></div>\n</main>\n</div>\n${siteFooter('footer')}\n</div>\n</body>\n</html>\n`;
  for (const [f, html] of Object.entries(pages)) {
    verifyNonArticle(f, html);
    writeFileSync(join(dir, f), html);
  }
  writeFileSync(join(dir, 'urls.json'), json(urls, 2) + '\n');
}

// ---------- self-check with jsdom ----------
function load(html: string, what: string): Document {
  const vc = new VirtualConsole();
  vc.on('jsdomError', (e: Error) => {
    throw new Error(`${what}: script error ${e.message}`);
  });
  return new JSDOM(html, { runScripts: 'dangerously', virtualConsole: vc }).window.document;
}
const mdText = (l: string): string =>
  norm(
    l
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s*(#+|\*|\d+\\?\.|>)\s+/, '')
      .replace(/\\([\s\S])|\*\*/g, '$1'),
  );
const boldRuns = (md: string): number =>
  md
    .replace(CARD_RE, '')
    .split('\n')
    .reduce((n, l) => n + (l.replace(/\\./g, '').match(/\*\*(.+?)\*\*/g)?.length ?? 0), 0);
const BAD = /\b(undefined|null|NaN)\b/g;

function verifyArticle(a: Article, html: string): Record<string, number> {
  const doc = load(html, a.name);
  const content = doc.querySelector(a.variant === 'bare' ? '.p-body' : '.article--content') ?? fail(a.name, 'no content element');
  const text = norm(content.textContent ?? '');
  // every text line of the naive body (first, last and all between) must be in the content element
  for (const l of [a.preBody, a.body, a.attribution].join('\n').replace(CARD_RE, '').split('\n').map(mdText)) {
    if (l && !text.includes(l)) fail(a.name, `text missing: ${l}`);
  }
  const bold = boldRuns([a.preBody, a.body, a.attribution].join('\n'));
  if (content.querySelectorAll('strong').length !== bold) fail(a.name, `bold ${content.querySelectorAll('strong').length} != ${bold}`);
  // words like "null" may legitimately occur in an article: the page may hold exactly as many as the naive file
  if ((html.match(BAD)?.length ?? 0) !== (a.page.match(BAD)?.length ?? 0)) fail(a.name, 'undefined/null/NaN leaked');
  const counts = `${a.comments} 评论 ${a.views} 浏览 ${a.collects} 收藏 ${a.minutes} 分钟`;
  const [sel, want] =
    a.variant === 'bare'
      ? ['.p-info > div', `${a.date} · ${counts.replace(/ (?=\d)/g, ' · ')}`]
      : a.variant === 'classic'
        ? ['.meta--sup', `关注${a.date}${counts}${a.course?.text ?? ''}`]
        : ['.meta--sup__right', counts];
  const metaText = norm(doc.querySelector(sel)?.textContent ?? '');
  if (metaText !== norm(want)) fail(a.name, `meta "${metaText}" != "${want}"`);
  if (a.variant !== 'bare' && doc.querySelector('time')?.textContent !== a.date) fail(a.name, 'bad <time>');
  if (a.variant !== 'classic') {
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? 'null') as { headline?: string; datePublished?: string };
    if (ld.headline !== a.title || ld.datePublished !== iso(a.date)) fail(a.name, 'bad JSON-LD');
  }
  if (doc.querySelector('meta[property="og:url"]')?.getAttribute('content') !== a.url) fail(a.name, 'bad og:url');
  const cards = content.querySelectorAll('.course-card, .c-box').length;
  if (cards !== (a.body.match(CARD_RE)?.length ?? 0)) fail(a.name, 'course card count');
  return {
    p: content.querySelectorAll('p').length,
    img: content.querySelectorAll('img').length - cards - 1,
    strong: bold,
    h: content.querySelectorAll('h2,h3,h4').length,
    cards,
  };
}

function verifyNonArticle(f: string, html: string): void {
  const doc = load(html, f);
  if (doc.querySelector('meta[property="og:type"][content="article"]') || /"@type":"Article"/.test(html)) fail(f, 'looks like an article');
  if (html.match(BAD)) fail(f, 'undefined/null/NaN leaked');
  if (f !== '404.html' && doc.querySelectorAll('article h2 a').length < 1) fail(f, 'no list items');
}

function main(): void {
  const pool = readdirSync(SRC)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseHead(f.slice(0, -3), readFileSync(join(SRC, f), 'utf8')));
  const byName = new Map(pool.map((h) => [h.name, h]));
  const manifest: { name: string; url: string; variant: Variant }[] = [];
  let modern = 0;
  let bare = 0;
  console.log('| page | variant | title | paragraphs | images | bolds | headings | course cards | notes |\n|---|---|---|---|---|---|---|---|---|');
  for (const [name, variant] of CHOSEN) {
    const h = byName.get(name) ?? fail(name, 'not in naive/');
    const a = parseArticle(h, variant, variant === 'modern' && modern++ % 2 === 0);
    const i = pool.indexOf(h);
    const pick = (from: number): Head[] => [1, 2, 3, 4, 5].map((k) => must(pool[(i + from + k) % pool.length], `pool item ${(i + from + k) % pool.length}`));
    const html = articlePage(a, pick(0), pick(6), variant === 'bare' ? bare++ : 0);
    const c = verifyArticle(a, html);
    const dir = join(OUT, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'page.html'), html);
    copyFileSync(join(SRC, `${name}.md`), join(dir, 'naive.md'));
    manifest.push({ name, url: a.url, variant });
    console.log(
      `| ${name} | ${variant}${a.lazy ? ' (lazy)' : ''} | ${a.title.replace(/\|/g, '\\|')} | ${c.p} | ${c.img} | ${c.strong} | ${c.h} | ${c.cards} | ${a.notes.join('; ')} |`,
    );
  }
  writeFileSync(join(OUT, 'manifest.json'), json(manifest, 2) + '\n');
  writeNonArticle(pool);
  console.log(`\nwrote ${manifest.length} article pages + 6 non-article pages to ${OUT}`);
}

// run as a script only: bench/keypoints.ts builds corpus pages with the functions above
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();

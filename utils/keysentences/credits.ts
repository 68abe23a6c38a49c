import type { SiteProfile } from '../site/profile';

/** The site's own credit lines, as its table words them: the ranker is given them with the site. */
export type SiteCredits = Pick<SiteProfile, 'attributionPatterns' | 'attributionLabels' | 'bylinePatterns'>;

/**
 * Lines that credit or frame the article rather than say something, on any site: the bylines,
 * sources, image captions, disclaimers and calls to action that authors put in the body themselves.
 */
const generalPatterns: readonly RegExp[] = [
  /^(原文)?(作者|译者|编译|编辑|责编|责任编辑|撰文|文字|出品|出品人|排版|校对|审校|策划|统筹|监制|来源|来源公众号|出处|转载自|原文|原文作者|原文标题|原文链接|原文地址|参考|参考来源|参考资料|参考文献|图片来源|图源|配图|插图|数据来源|资料来源)\s*[:：|｜]/,
  /(图源|图片来源|图片来自|配图来自|截图来自|来源于网络|图\s*\d+)\s*[:：]?/,
  /^[（(]?注[:：]/,
  /^(推荐阅读|相关阅读|延伸阅读|扩展阅读|往期回顾|往期推荐|相关推荐|相关文章|下篇|上篇|前文|系列文章)\s*[:：|｜]/,
  /(不构成(任何)?投资建议|仅代表作者|版权归|未经(作者)?(许可|授权)|禁止转载|侵权(请)?联系)/,
  /(欢迎|敬请|记得).{0,12}(关注|留言|评论区?|转发|点赞|收藏|订阅|分享|私信)/,
  /(扫码|长按|识别二维码|点击(下方|文末|阅读原文)|公众号[:：]|微信号[:：]|ID[:：])/,
];

/** A sentence that matches one of these, or one of the site's credit lines when a site is given, is never a key sentence. */
export const isCredit = (sentence: string, site?: SiteCredits): boolean =>
  generalPatterns.some((p) => p.test(sentence)) ||
  (!!site && [site.attributionPatterns, site.attributionLabels, site.bylinePatterns].some((patterns) => patterns.some((p) => p.test(sentence))));

/**
 * Cue phrases (Edmundson 1969): words that tend to mark a sentence that states a point (a
 * definition, a conclusion, what matters) or one that only illustrates or hedges. Data only; the
 * ranking multiplies a sentence's score up or down when it has any.
 */

/** Definitions, conclusions, emphasis. */
export const bonusCues: readonly string[] = [
  '是指',
  '指的是',
  '就是',
  '本质',
  '核心',
  '关键',
  '重点',
  '根本',
  '首要',
  '最重要',
  '重要的是',
  '决定',
  '必须',
  '一定要',
  '务必',
  '千万',
  '不等于',
  '而是',
  '意味着',
  '说明',
  '总之',
  '总结',
  '综上',
  '总体而言',
  '总的来说',
  '总而言之',
  '由此可见',
  '可见',
  '归根结底',
  '换言之',
  '因此',
  '所以',
  '结论',
  '原则',
  '价值',
  '目的',
  '目标是',
  '在于',
  '取决于',
  '才是',
  '唯一',
];

/** Examples, pointers to figures, hedges, asides, transitions. */
export const stigmaCues: readonly string[] = [
  '例如',
  '比如',
  '举例',
  '举个例子',
  '譬如',
  '如下',
  '下图',
  '上图',
  '如图',
  '图中',
  '见图',
  '截图',
  '案例',
  '假设',
  '假如',
  '据说',
  '听说',
  '顺便',
  '题外话',
  '插一句',
  '广告',
  '接下来',
  '下面我们',
  '我们来看',
  '我们看一下',
];

/** Sentences about the article itself, which say what it covers, as the editor's lead does. */
export const selfCues: readonly string[] = [
  '本文',
  '这篇文章',
  '这篇',
  '文章将',
  '本篇',
  '笔者将',
  '我们将',
  '接下来我',
  '下面我',
  '今天我们',
  '今天来',
  '今天就',
  '今天想',
  '和大家聊',
  '跟大家聊',
  '和大家分享',
  '跟大家分享',
];

/** Headings of an article's conclusion. */
export const summaryHeadings: readonly string[] = ['总结', '结论', '结语', '小结', '写在最后', '最后', '尾声', '结尾', '总而言之', '综上'];

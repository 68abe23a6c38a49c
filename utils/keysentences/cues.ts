/**
 * Cue phrases (Edmundson 1969): words that tend to mark a sentence that states a point (a
 * definition, a conclusion, what matters) or one that only illustrates or hedges. Data only; the
 * ranking multiplies a sentence's score up or down when it has any.
 */

/** Definitions, conclusions, emphasis. */
export const bonusCues: readonly string[] = [
  '是指', '指的是', '就是', '本质', '核心', '关键', '重点', '根本', '首要', '最重要', '重要的是', '决定',
  '必须', '一定要', '务必', '千万', '不等于', '而是', '意味着', '说明', '总之', '总结', '综上', '总体而言', '总的来说',
  '总而言之', '由此可见', '可见', '归根结底', '换言之', '因此', '所以', '结论', '原则', '价值', '目的', '目标是', '在于',
  '取决于', '才是', '唯一',
];

/** Examples, pointers to figures, hedges, asides, transitions. */
export const stigmaCues: readonly string[] = [
  '例如', '比如', '举例', '举个例子', '譬如', '如下', '下图', '上图', '如图', '图中', '见图', '截图', '案例',
  '假设', '假如', '据说', '听说', '顺便', '题外话', '插一句', '广告', '接下来', '下面我们', '我们来看', '我们看一下',
];

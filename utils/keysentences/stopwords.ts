/**
 * Stop words: words too common to say what a sentence is about. Data only; the tokenizer drops
 * them (after lower-casing) before sentences are compared. Chinese entries are the words
 * `Intl.Segmenter('zh', { granularity: 'word' })` produces, so single characters are listed too.
 */

const chinese = `
的 地 得 了 着 过 是 在 有 和 与 及 或 而 也 都 就 还 又 再 才 只 很 更 最 太 挺 非常 比较 十分 特别
我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家 本人
这 那 这个 那个 这些 那些 这样 那样 这种 那种 这里 那里 这么 那么 此 其 其中 之 之一 某 某些 各 各种 每 每个
一 一个 一些 一种 一样 一点 一下 一直 一定 一起 一般 一边 两 几 多 多少 少 些 个 种 项 点 次 件 位 条
年 月 日 号 天 周 元 万 亿 倍 第
不 没 没有 无 非 别 未 不是 不会 不能 不要 不过 不仅 不但 而且 并且 并 且 以及 还是 或者 或是 要么
但 但是 可是 然而 却 虽然 虽 尽管 即使 即便 哪怕 如果 假如 要是 若 如 如同 只要 只有 除非 无论 不管
因为 因 由于 所以 因此 因而 于是 从而 以便 以免 为了 为 为何 为什么 怎么 怎样 怎么样 如何 什么 哪 哪些 哪里 谁 多么
把 被 让 使 给 对 对于 关于 向 往 从 自 自从 到 至 于 以 用 按 按照 根据 通过 经过 随着 沿着 跟 同 比 除了 除
的话 等 等等 之类 左右 上 下 中 内 外 前 后 里 间 之间 之后 之前 以后 以前 以上 以下 时 时候 当 当时
吗 呢 吧 啊 呀 哦 嗯 哈 啦 嘛 呗 么 哟 喔
会 能 能够 可以 可能 应该 应当 需要 要 想 得到 必须 必然 或许 也许 大概 似乎 好像 仿佛
就是 只是 还有 也是 都是 而是 就要 总是 已经 曾经 正在 正 将 将要 刚 刚刚 马上 立刻 然后 接着 最后 首先 其次 再次 另外 此外 同时 其实 当然 确实 真的 其他 其它 其余 另 另一方面 一方面
说 讲 看 看到 来 去 做 进行 成为 作为 具有 存在 出现 表示 认为 觉得 知道 发现 包括 属于 所 所有 全部 任何 许多 很多 不少 大量 各自
上面 下面 前面 后面 里面 外面 方面 时间 情况 问题 东西 事情 地方 部分 方式 方法 过程 结果 原因 内容 主要 重要 相关 不同 相同 类似 例如 比如 譬如 即 也就是 也就是说 换句话说 总之 总的来说 综上 可见 显然
`;

const english = `
a an the and or but if then else when while of at by for with about against between into through during before after
above below to from up down in out on off over under again further once here there all any both each few more most
other some such no nor not only own same so than too very can will just should would could may might must shall
i me my myself we our ours you your yours he him his she her it its they them their what which who whom this that
these those am is are was were be been being have has had having do does did doing as until because how why where
s t don now also etc via per vs e g ie eg
`;

export const stopWords: ReadonlySet<string> = new Set([...chinese.split(/\s+/), ...english.split(/\s+/)].filter(Boolean));

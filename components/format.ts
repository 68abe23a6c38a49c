/** A count as Chinese readers see it on the site: 4021, 1.2万. */
export const formatCount = (n: number) => (n >= 10_000 ? `${(n / 10_000).toFixed(1).replace(/\.0$/, '')}万` : String(n));

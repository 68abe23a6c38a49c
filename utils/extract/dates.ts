import type { SiteProfile } from '../site/profile';

type DateRules = Pick<SiteProfile, 'datePatterns' | 'siteUtcOffsetHours'>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date of `time` as the site shows it, in its own time zone. */
function siteDate(time: Date, siteUtcOffsetHours: number): string {
  const shifted = new Date(time.getTime() + siteUtcOffsetHours * 3_600_000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

function validYmd(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y > 1990;
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads a publication date as the page prints it: an ISO date-time (kept with its time, in the
 * site's zone when it names none), a plain date in any of the site's shapes, or a relative date
 * (`3天前`, `5小时前`, `昨天`) counted back from `now`. Returns null for anything else.
 */
export function normalizeDate(raw: string | null | undefined, now: Date, site: DateRules): string | null {
  const { datePatterns, siteUtcOffsetHours } = site;
  const text = (raw ?? '').trim();
  if (!text) return null;
  const iso = isoDateTime.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s = '00', zone] = iso;
    if (!validYmd(+y!, +mo!, +d!) || +h! > 23 || +mi! > 59) return null;
    const offset = !zone ? `+${pad(siteUtcOffsetHours)}:00` : zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
  }
  const abs = datePatterns.absolute.exec(text);
  if (abs) {
    const [y, m, d] = [Number(abs[1]), Number(abs[2]), Number(abs[3])];
    return validYmd(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  const rel = datePatterns.relative.exec(text);
  if (rel) {
    const minutes = { 分钟: 1, 小时: 60, 天: 1440 } as const;
    const words = { 刚刚: 0, 昨天: 1440, 前天: 2880 } as const;
    const back = rel[3] ? words[rel[3] as keyof typeof words] : Number(rel[1]) * minutes[rel[2] as keyof typeof minutes];
    return siteDate(new Date(now.getTime() - back * 60_000), siteUtcOffsetHours);
  }
  return null;
}

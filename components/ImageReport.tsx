import { useT, type Translate } from './i18n';
import type { ImageFailure, ImageFailureReason } from '../utils/images';

/** Where an export with images is: saving (`done` of `total`), or finished with what could not be saved. */
export type ImageStatus = { kind: 'saving'; done: number; total: number } | { kind: 'done'; total: number; saved: number; failures: ImageFailure[] };

const reasonKeys = {
  unreachable: 'images.reasons.unreachable',
  'not-image': 'images.reasons.notImage',
  'too-large': 'images.reasons.tooLarge',
} as const satisfies Record<ImageFailureReason, Parameters<Translate>[0]>;

/** The last segment of an image URL, as a short label (the full URL is its title). */
const shortName = (url: string) =>
  decodeURIComponent(
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? url,
  );

/** Progress while images are saved; then how many were, and each one that keeps its web link, with why. */
export function ImageReport({ status }: { status: ImageStatus }) {
  const t = useT();
  if (status.kind === 'saving') {
    return (
      <div class="image-report">
        <progress value={status.done} max={status.total || 1} />
        <p>{t('images.progress', [status.done, status.total])}</p>
      </div>
    );
  }
  const { total, saved, failures } = status;
  if (total === 0) return <p class="image-report">{t('images.none')}</p>;
  if (failures.length === 0) return <p class="image-report">{t('images.saved', [saved])}</p>;
  return (
    <div class="image-report warn">
      <p>{t('images.savedSome', [saved, total])}</p>
      <ul>
        {failures.map((f) => (
          <li key={f.url}>
            <a href={f.url} title={f.url} target="_blank" rel="noreferrer">
              {shortName(f.url)}
            </a>
            <span>
              {t(reasonKeys[f.reason])}
              {f.detail ? `（${f.detail}）` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Options' 资料库 section: whether saved articles keep their images offline, and the space the library takes. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shell/i18n';
import { usage } from '../../shell/library';
import { watchLibrary } from '../../shell/library-changes';
import { librarySettings } from '../../shell/settings';
import { useSetting } from '../../shell/use-setting';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString(document.documentElement.lang || 'zh-CN', { maximumFractionDigits: 1 })} MB`;

/** How much the library holds and the extension's storage takes (the browser's estimate), kept up to date. */
function useLibraryUsage(): Awaited<ReturnType<typeof usage>> | null {
  const [used, setUsed] = useState<Awaited<ReturnType<typeof usage>> | null>(null);
  useEffect(() => {
    const ask = () => void usage().then(setUsed, () => setUsed(null));
    ask();
    return watchLibrary(ask);
  }, []);
  return used;
}

export function LibrarySection() {
  const library = useSetting(librarySettings);
  const used = useLibraryUsage();
  if (!library.value) return null;
  return (
    <fieldset class="library-settings">
      <legend>{t('inLibrary.section')}</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={library.value.keepImagesOffline}
          onChange={(e) => void library.update({ keepImagesOffline: e.currentTarget.checked })}
        />
        {t('inLibrary.keepImages')}
      </label>
      {used && (
        <p class="library-usage" data-articles={used.articles}>
          {used.usage === null ? t('inLibrary.usedUnknown', [used.articles]) : t('inLibrary.used', [megabytes(used.usage), used.articles])}
        </p>
      )}
      {library.error && (
        <p class="save-failed" role="alert">
          {t('options.saveFailed', [library.error])}
        </p>
      )}
    </fieldset>
  );
}

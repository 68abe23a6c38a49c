import { useEffect, useState } from 'preact/hooks';
import { canPickFolder, folderAccess, getNotesFolder, pickNotesFolder, type NotesFolder as Folder } from '../../shell/folder';
import { t } from '../../shell/i18n';
import type { SettingControl } from '../../shell/use-setting';
import { destinations, type ExportSettings } from '../../utils/markdown/options';

type Permission = 'granted' | 'prompt' | 'denied';

/**
 * 保存位置: Downloads, or the notes folder. Chrome and Edge: the folder is chosen here, once (the
 * picker needs this tab, never the popup), with its permission shown and asked again from a click;
 * Firefox, or a browser whose picker fails in an extension page: the same layout inside Downloads.
 */
export function NotesFolder({ exporting, typingPause }: { exporting: SettingControl<ExportSettings>; typingPause: number }) {
  const value = exporting.value!;
  const [folder, setFolder] = useState<Folder | null>(null);
  const [permission, setPermission] = useState<Permission | null>(null);
  const [pickerError, setPickerError] = useState<string | null>(null);
  const picker = !import.meta.env.FIREFOX && canPickFolder();

  const show = async (chosen: Folder | null) => {
    setFolder(chosen);
    setPermission(chosen ? await folderAccess.query(chosen.handle) : null);
  };
  useEffect(() => void (picker ? getNotesFolder().then(show, () => show(null)) : undefined), []);

  const choose = async () => {
    try {
      const chosen = await pickNotesFolder();
      if (chosen) await show(chosen);
      setPickerError(null);
    } catch (error) {
      setPickerError(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };
  const reauthorize = async () => folder && setPermission(await folderAccess.request(folder.handle));

  return (
    <fieldset class="destination">
      <legend>{t('save.destination')}</legend>
      {destinations.map((destination) => (
        <label class="check" key={destination}>
          <input type="radio" name="destination" checked={value.destination === destination} onChange={() => void exporting.update({ destination })} />
          {t(destination === 'download' ? 'save.download' : 'save.folder')}
        </label>
      ))}
      {value.destination === 'folder' && (
        <>
          {picker && !pickerError ? (
            <div class="folder">
              <p role="status">
                {folder ? t('save.folderChosen', [folder.name]) : t('save.noFolderChosen')}
                {folder?.obsidian && ` ${t('save.vault')}`}
                {folder && permission && (
                  <span class={`permission ${permission}`}>
                    {' '}
                    · {t(permission === 'granted' ? 'save.permissionGranted' : permission === 'prompt' ? 'save.permissionPrompt' : 'save.permissionDenied')}
                  </span>
                )}
              </p>
              <span class="row-buttons">
                <button type="button" onClick={() => void choose()}>
                  {folder ? t('save.changeFolder') : t('save.chooseFolder')}
                </button>
                {folder && permission !== 'granted' && (
                  <button type="button" onClick={() => void reauthorize()}>
                    {t('save.reauthorize')}
                  </button>
                )}
              </span>
            </div>
          ) : (
            <>
              <p class="note" role="note">
                {pickerError ? t('save.pickerFailed', [pickerError, value.downloadsFolder]) : t('save.firefoxNote')}
              </p>
              <label>
                <span>{t('save.downloadsFolder')}</span>
                <input
                  type="text"
                  value={value.downloadsFolder}
                  spellcheck={false}
                  onInput={(e) => void exporting.update({ downloadsFolder: e.currentTarget.value }, { debounce: typingPause })}
                  onBlur={() => void exporting.flush()}
                />
              </label>
            </>
          )}
          <label>
            <span>{t('save.subfolder')}</span>
            <input
              type="text"
              value={value.subfolder}
              spellcheck={false}
              placeholder="{category}/{year}"
              onInput={(e) => void exporting.update({ subfolder: e.currentTarget.value }, { debounce: typingPause })}
              onBlur={() => void exporting.flush()}
            />
            <small>{t('save.subfolderHelp')}</small>
          </label>
          {picker && !pickerError && (
            <label class="check">
              <input type="checkbox" checked={value.openInObsidian} onChange={(e) => void exporting.update({ openInObsidian: e.currentTarget.checked })} />
              {t('save.openInObsidian')}
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}

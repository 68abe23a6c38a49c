import { useEffect, useState } from 'preact/hooks';
import { articleTabs, type BatchItem } from '../../shell/batch';
import { t } from '../../shell/i18n';

/** 导出所有打开的 woshipm 文章: one download per open article tab, with progress and a result per tab. */
export function BatchExport() {
  const [items, setItems] = useState<BatchItem[] | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => void articleTabs().then(setItems), []);
  if (!items || items.length < 2) return null; // one tab is the popup's own export

  const finished = items.filter((i) => i.state !== 'waiting').length;
  const failed = items.filter((i) => i.state === 'failed').length;
  const start = async () => {
    setRunning(true);
    const fresh = await articleTabs();
    setItems(fresh);
    // The export and zip code loads on this click, not with the popup.
    const { exportTabs } = await import('../../shell/export');
    await exportTabs(fresh, (index, item) => setItems((current) => current && current.map((old, i) => (i === index ? item : old))));
    setRunning(false);
  };

  return (
    <section class="batch">
      {!running && finished === 0 ? (
        <button type="button" class="small wide" onClick={() => void start()}>
          {t('batch.action', [items.length])}
        </button>
      ) : (
        <>
          <progress max={items.length} value={finished} aria-label={t('batch.progress', [finished, items.length])} />
          <p role="status">{running ? t('batch.progress', [finished, items.length]) : t('batch.done', [finished - failed, failed])}</p>
          <ol class="batch-items">
            {items.map((item) => (
              <li key={item.tabId} class={item.state} title={item.detail}>
                <span class="batch-state">{item.state === 'done' ? '✓' : item.state === 'failed' ? '✗' : '…'}</span>
                <span class="batch-title">{item.title}</span>
                {item.state !== 'waiting' && <span class="sr-only">{item.state === 'done' ? t('batch.ok') : t('batch.failed')}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

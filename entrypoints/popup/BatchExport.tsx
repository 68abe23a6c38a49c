import { useEffect, useState } from 'preact/hooks';
import { articleTabs, type BatchItem } from '../../shell/batch';
import { outcomeText, t } from '../../shell/i18n';
import type { JobItem } from '../../shell/messaging';
import { useExportJob } from './jobs';

/**
 * 导出所有打开的 woshipm 文章: one job in the background for every open article tab (it goes on when the
 * popup closes; reopened, the popup shows it), with progress and a result per tab.
 */
export function BatchExport() {
  const [tabs, setTabs] = useState<BatchItem[] | null>(null);
  const [job, start] = useExportJob({ kind: 'batch' });
  useEffect(() => void articleTabs().then(setTabs), []);
  const running = job?.state === 'running';
  const items: JobItem[] | undefined = running || job ? job?.items : undefined;
  if (!items && (!tabs || tabs.length < 2)) return null; // one tab is the popup's own export

  const begin = async () => {
    const fresh = await articleTabs();
    setTabs(fresh);
    await start({ kind: 'batch', tabIds: fresh.map((tab) => tab.tabId) });
  };
  const finished = items?.filter((i) => i.state === 'done' || i.state === 'failed').length ?? 0;
  const failed = items?.filter((i) => i.state === 'failed').length ?? 0;
  const total = items?.length ?? 0;

  return (
    <section class="batch">
      {!running && tabs && tabs.length >= 2 && (
        <button type="button" class="small wide" onClick={() => void begin()}>
          {t('batch.action', [tabs.length])}
        </button>
      )}
      {items && (
        <>
          <progress max={total} value={finished} aria-label={t('batch.progress', [finished, total])} />
          <p role="status">{running ? t('batch.progress', [finished, total]) : t('batch.done', [finished - failed, failed])}</p>
          <ol class="batch-items">
            {items.map((item) => (
              <li key={item.url ?? item.tabId} class={item.state} title={item.outcome ? outcomeText(item.outcome) : undefined}>
                <span class="batch-state">{item.state === 'done' ? '✓' : item.state === 'failed' ? '✗' : '…'}</span>
                <span class="batch-title">{item.title}</span>
                {(item.state === 'done' || item.state === 'failed') && <span class="sr-only">{item.state === 'done' ? t('batch.ok') : t('batch.failed')}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

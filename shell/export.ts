import { browser } from 'wxt/browser';
import { failureText, t } from './i18n';
import { downloadMarkdown } from './downloads';
import { sendToTab } from './messaging';
import { attributionSetting, filenameSetting, keyPointsSetting, leadSetting, templateSetting } from './settings';
import { ensureContentScript } from './tabs';

/** The Markdown options the user chose (options page / popup), as stored. */
export async function savedMarkdownOptions() {
  const [template, keyPoints, lead, attribution] = await Promise.all([
    templateSetting.getValue(),
    keyPointsSetting.getValue(),
    leadSetting.getValue(),
    attributionSetting.getValue(),
  ]);
  return { template, keyPoints, lead, attribution };
}

/** Shows the outcome on the toolbar icon for a moment (shortcut and menu exports have no popup). */
async function badge(tabId: number, ok: boolean, title: string) {
  await browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#1a7f37' : '#b42318' });
  await browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  await browser.action.setTitle({ tabId, title });
  setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 4000);
}

/** Downloads the article of `tabId` (or only its selection) with the saved options. */
export async function exportTab(tabId: number, selectionOnly = false): Promise<boolean> {
  try {
    await ensureContentScript(tabId);
    const reply = await sendToTab(tabId, 'markdown', {
      selectionOnly,
      options: await savedMarkdownOptions(),
      filenameTemplate: await filenameSetting.getValue(),
    });
    if (!reply.ok) {
      await badge(tabId, false, failureText(reply.reason));
      return false;
    }
    await downloadMarkdown(reply.markdown, reply.filename, reply.fallbackName);
    await badge(tabId, true, t('action.downloaded'));
    return true;
  } catch (error) {
    await badge(tabId, false, String(error)).catch(() => undefined);
    return false;
  }
}

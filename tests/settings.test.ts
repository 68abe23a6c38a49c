/** The one export settings item: defaults, updates, and the move from the old separate keys. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '@wxt-dev/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { getExportSettings, migrateExportSettings, updateExportSettings } from '../shell/settings';
import { defaultExportSettings } from '../utils/markdown/options';

beforeEach(() => fakeBrowser.reset());

describe('export settings', () => {
  it('start from the defaults the CLI uses too', async () => {
    expect(await getExportSettings()).toEqual(defaultExportSettings);
    expect(defaultExportSettings).toEqual({
      template: 'frontmatter',
      keyPoints: false,
      lead: true,
      attribution: false,
      highlightsSection: false,
      filename: '{published}-{title}.md',
      images: 'local',
      assetsFolder: 'assets',
    });
  });

  it('give settings saved before the image choice existed its defaults (downloads with images)', async () => {
    await storage.setItem('sync:export', { template: 'plain', keyPoints: true, lead: true, attribution: false, filename: '{title}' });
    expect(await getExportSettings()).toEqual({ ...defaultExportSettings, template: 'plain', keyPoints: true, filename: '{title}' });
    expect((await getExportSettings()).images).toBe('local');
    await updateExportSettings({ images: 'inline', assetsFolder: 'attachments' });
    expect(await getExportSettings()).toMatchObject({ template: 'plain', images: 'inline', assetsFolder: 'attachments' });
  });

  it('keep every change, even when changes overlap', async () => {
    await Promise.all([updateExportSettings({ template: 'gitbook' }), updateExportSettings({ filename: '{id}' }), updateExportSettings({ keyPoints: true })]);
    expect(await getExportSettings()).toEqual({ ...defaultExportSettings, template: 'gitbook', filename: '{id}', keyPoints: true });
  });

  it('take over the choices saved under the old keys, once', async () => {
    await storage.setItems([
      { key: 'sync:template', value: 'plain' },
      { key: 'sync:includeSummary', value: false },
      { key: 'sync:filenameTemplate', value: '{title}' },
    ]);
    await migrateExportSettings();
    expect(await getExportSettings()).toEqual({ ...defaultExportSettings, template: 'plain', lead: false, filename: '{title}' });
    expect(await storage.getItem('sync:template')).toBeNull();
    expect(await storage.getItem('sync:filenameTemplate')).toBeNull();
    // Later changes are not undone by another run (the old keys are gone; the item exists).
    await updateExportSettings({ template: 'gitbook' });
    await storage.setItem('sync:template', 'plain');
    await migrateExportSettings();
    expect((await getExportSettings()).template).toBe('gitbook');
  });

  it('write nothing for a new user', async () => {
    await migrateExportSettings();
    expect(await storage.getItem('sync:export')).toBeNull();
  });
});

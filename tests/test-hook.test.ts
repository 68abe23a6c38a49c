import { describe, expect, it } from 'vitest';
import { requestedExtensionPage, testHookPath } from '../utils/test-hook';

const hook = (page: string) => `https://www.woshipm.com${testHookPath}?page=${encodeURIComponent(page)}`;

describe('the end-to-end test hook (test build only)', () => {
  it('names the extension page a test asks for', () => {
    expect(requestedExtensionPage(hook('popup.html?tabId=7'))).toBe('popup.html?tabId=7');
    expect(requestedExtensionPage(hook('popup.html?tabId=-1'))).toBe('popup.html?tabId=-1');
    expect(requestedExtensionPage(hook('options.html'))).toBe('options.html');
  });

  it('asks for nothing on any other address', () => {
    expect(requestedExtensionPage('https://www.woshipm.com/pmd/5239764.html')).toBeNull();
    expect(requestedExtensionPage(`https://www.woshipm.com${testHookPath}`)).toBeNull();
    expect(requestedExtensionPage('not a url')).toBeNull();
  });

  it('opens only a page of this extension: no scheme, host or way up', () => {
    for (const page of [
      'https://example.com/x.html',
      '//example.com/x.html',
      'javascript:alert(1)',
      '../popup.html',
      '/popup.html',
      'popup.js',
      'popup.html#x',
    ]) {
      expect(requestedExtensionPage(hook(page)), page).toBeNull();
    }
  });
});

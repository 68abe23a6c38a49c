/** Reader preferences: plain data, rendered by components/reader and stored by shell/settings. */
export type ReaderTheme = 'auto' | 'light' | 'sepia' | 'dark';
export type ReaderWidth = 'narrow' | 'medium' | 'wide';
type ReaderFont = 'sans' | 'serif';

export interface ReaderPrefs {
  theme: ReaderTheme;
  fontSize: number;
  width: ReaderWidth;
  font: ReaderFont;
}

export const defaultReaderPrefs: ReaderPrefs = { theme: 'auto', fontSize: 18, width: 'medium', font: 'sans' };
export const fontSizes = { min: 14, max: 26, step: 2 };
export const readerThemes: ReaderTheme[] = ['auto', 'light', 'sepia', 'dark'];
export const readerWidths: ReaderWidth[] = ['narrow', 'medium', 'wide'];

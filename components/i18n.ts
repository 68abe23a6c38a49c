/**
 * UI strings for the components, which take them from context instead of the browser: the page that
 * renders them provides its translator (with the language the user pinned, see shell/i18n). Without
 * a provider the strings follow the browser's language.
 */
import { i18n, type GeneratedI18nStructure } from '#i18n';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Translate = (key: keyof GeneratedI18nStructure, substitutions?: (string | number)[]) => string;

const browserLanguage: Translate = (key, substitutions) => (i18n.t as (key: string, substitutions?: (string | number)[]) => string)(key, substitutions);

export const TranslateContext = createContext<Translate>(browserLanguage);

/** The translator of the page the component is in. */
export const useT = () => useContext(TranslateContext);

import Readability from '@mozilla/readability/Readability.js';
import * as site from '../site/woshipm';
import type { Article } from '../types';
import { declutter, fixImages } from './declutter';
import { keyPoints } from './keypoints';
import { squash } from './numbers';
import { sanitizeToBody } from './sanitize';
import { isBlock, toPlainText } from './text';
import { absoluteUrl } from './urls';

export type Body = Pick<Article, 'html' | 'text' | 'keyPoints' | 'outline' | 'attribution'>;

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && squash(a).replace(/\s/g, '') === squash(b).replace(/\s/g, '');

/** A clone of the page narrowed to the article body when the site's body selector finds it. */
function preparedClone(doc: Document, base: string): Document {
  const clone = doc.cloneNode(true) as Document;
  const body = clone.body ?? clone.documentElement.appendChild(clone.createElement('body'));
  const content = site.contentSelectors.map((s) => clone.querySelector(s)).find(Boolean);
  if (content) body.replaceChildren(content);
  fixImages(body, base);
  declutter(body, base);
  return clone;
}

const units = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TABLE', 'UL', 'OL', 'BLOCKQUOTE', 'FIGURE']);

/** The body's paragraphs in order: block elements that are read as one piece. */
function paragraphs(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (el: Element) => {
    for (const child of el.children) {
      const isUnit = units.has(child.tagName) || (isBlock(child) && ![...child.children].some(isBlock));
      if (isUnit) found.push(child);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * Takes the credit lines (本文由 @X 原创发布…, 题图来自…) out of the body, in order: each such
 * paragraph, and from the first of them the short paragraphs that close the article.
 */
function takeAttribution(root: Element): string[] {
  const all = paragraphs(root);
  const isCredit = (el: Element) => {
    const text = squash(el.textContent);
    return text.length <= site.attributionTailMaxLength && site.attributionPatterns.some((p) => p.test(text));
  };
  const isClosing = (el: Element) =>
    squash(el.textContent).length <= site.attributionTailMaxLength && !el.querySelector('img, table') && !/^H\d$/.test(el.tagName);
  const tailStart = all.findIndex((el, i) => isCredit(el) && all.slice(i + 1).every(isClosing));
  const credits = all.filter((el, i) => (tailStart >= 0 && i >= tailStart) || isCredit(el));
  for (const el of credits) el.remove();
  return credits.map((el) => squash(el.textContent)).filter(Boolean);
}

/** Makes links and images absolute and safe; a link that is neither keeps its text only. */
function fixLinks(root: Element, base: string): void {
  for (const a of root.querySelectorAll('a')) {
    const href = absoluteUrl(a.getAttribute('href'), base);
    if (href) a.setAttribute('href', href);
    else a.replaceWith(...a.childNodes);
  }
  fixImages(root, base);
}

function dropEmpty(root: Element): void {
  for (const el of [...root.querySelectorAll('p, div, span, a, strong, b, em, section, blockquote, figure')].reverse()) {
    if (!squash(el.textContent) && !el.querySelector('img, table, hr, pre, br')) el.remove();
  }
}

type Lead = { title: string; summary: string | null };

function windowOf(doc: Document): Window {
  const win = doc.defaultView ?? (globalThis as { window?: Window }).window;
  if (!win) throw new Error('extraction needs a document with a window (for DOMPurify)');
  return win;
}

/**
 * Body HTML from the page (or a part of it, lazy images already resolved) -> the clean body: DOMPurify, then cleaned again
 * (furniture, the lead and title repeated in the body, credit lines), with absolute safe URLs and
 * ids on headings; its text, key points and outline.
 */
export function cleanBody(html: string, base: string, lead: Lead, win: Window): Body {
  const root = sanitizeToBody(html, win);
  declutter(root, base);
  const lead1 = root.querySelector('blockquote');
  if (lead1 && same(lead1.textContent, lead.summary)) lead1.remove();
  for (const h of root.querySelectorAll('h1, h2, h3')) if (same(h.textContent, lead.title)) h.remove();
  const attribution = takeAttribution(root);
  fixLinks(root, base);
  dropEmpty(root);
  const outline = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].flatMap((h, i) => {
    const text = squash(h.textContent);
    if (!text) return [];
    const id = `wr-h${i + 1}`;
    h.setAttribute('id', id);
    return [{ level: Number(h.tagName[1]), text, id }];
  });
  const wrapper = root.children.length === 1 && root.firstElementChild?.tagName === 'DIV' ? root.firstElementChild : root;
  return {
    html: wrapper.innerHTML.trim(),
    text: toPlainText(root),
    keyPoints: keyPoints(root),
    outline,
    attribution,
  };
}

/**
 * The article body: a clone of the page, decluttered by the site rules, through Readability, then
 * `cleanBody`. Never touches `doc`.
 */
export function extractBody(doc: Document, base: string, lead: Lead): Body {
  const win = windowOf(doc);
  const clone = preparedClone(doc, base);
  const fallback = clone.body.innerHTML;
  let parsed: { content?: string | null } | null = null;
  try {
    parsed = new Readability(clone, { charThreshold: 100, keepClasses: false }).parse();
  } catch {
    parsed = null; // Readability gives up on some malformed pages: fall back to the decluttered body.
  }
  return cleanBody(parsed?.content || fallback, base, lead, win);
}

/** The body made of what the user selected (all ranges, in order), through the same cleaning. */
export function selectionBody(doc: Document, selection: Selection, base: string, lead: Lead): Body | null {
  if (selection.isCollapsed || selection.rangeCount === 0) return null;
  const holder = doc.implementation.createHTMLDocument('').createElement('div');
  for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
  // As for the whole page: lazy images and site furniture first, while classes and data-* are there.
  fixImages(holder, base);
  declutter(holder, base);
  const body = cleanBody(holder.innerHTML, base, lead, windowOf(doc));
  return body.text ? body : null;
}

/**
 * Synthetic reports as an RSS 2.0 document, for the simulator's feed server. Every value is
 * escaped as XML character data (the five special characters, and control characters XML 1.0
 * forbids dropped), so a report's text can never change the document's structure.
 */
import type { SyntheticReport } from './generate';

export interface RssChannel {
  title: string;
  link: string;
  description: string;
}

// eslint-disable-next-line no-control-regex -- the point is to remove the control characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(s: string): string {
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, value: string, attrs = '') => `<${name}${attrs}>${xmlText(value)}</${name}>`;

/** Items newest first, as feeds list them; pubDate in RFC 822 form; the outlet as dc:creator. */
export function renderRss(channel: RssChannel, items: readonly SyntheticReport[]): string {
  const body = [...items]
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .map((r) =>
      [
        '<item>',
        el('guid', r.itemKey, ' isPermaLink="false"'),
        el('title', r.title),
        el('link', r.url),
        el('description', r.text),
        el('pubDate', new Date(r.publishedAt).toUTCString()),
        el('dc:creator', r.sourceName),
        '</item>',
      ].join(''),
    )
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
    el('title', channel.title),
    el('link', channel.link),
    el('description', channel.description),
    body,
    '</channel></rss>',
    '',
  ].join('\n');
}

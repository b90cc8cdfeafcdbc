import { createHash } from 'node:crypto';
import { decodeXML } from 'entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError } from './feed-error';
import type { FeedItem } from './feed-types';
import { htmlToText } from './html-text';

/**
 * RSS 2.0, Atom 1.0 and RSS 1.0 (RDF) into FeedItems. fast-xml-parser is pure JavaScript with no
 * I/O, so it cannot fetch an external entity or DTD; we also turn its entity processing off and
 * refuse any document whose prolog declares entities, so neither XXE nor "billion laughs" expansion
 * can happen. The five XML entities and numeric references are decoded afterwards from a fixed
 * table (entities' decodeXML), never from the document's own declarations.
 */

type Node = Record<string, unknown>;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // dc:date → date, content:encoded → encoded, rdf:RDF → RDF: the three formats read alike.
  removeNSPrefix: true,
  // CDATA is kept apart: its text is literal and must not be entity-decoded a second time.
  cdataPropName: '__cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

/** True when the prolog (everything before the root element) declares an entity. */
function declaresEntities(xml: string): boolean {
  const root = /<[A-Za-z_]/.exec(xml);
  const prolog = root ? xml.slice(0, root.index) : xml;
  return prolog.includes('<!ENTITY');
}

export function parseFeed(xml: string, baseUrl: string): FeedItem[] {
  if (declaresEntities(xml)) {
    throw new FeedError('unsupported', 'the feed declares XML entities in a DOCTYPE; entity expansion is refused');
  }
  let doc: Node;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      throw new FeedError('malformed', `malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
    }
    doc = parser.parse(xml) as Node;
  } catch (error) {
    if (error instanceof FeedError) throw error;
    // The parser's own limits (nesting depth) and any internal failure are the feed's fault, never ours.
    throw new FeedError('malformed', `malformed XML: ${(error as Error).message}`, { cause: error });
  }
  const rss = asNode(doc.rss);
  if (rss) return nodes(asNode(rss.channel)?.item).map((n) => rssItem(n, baseUrl));
  const atom = asNode(doc.feed);
  if (atom) return nodes(atom.entry).map((n) => atomItem(n, baseUrl));
  const rdf = asNode(doc.RDF);
  // RSS 1.0 puts items beside the channel, not inside it.
  if (rdf) return nodes(rdf.item).map((n) => rssItem(n, baseUrl));
  throw new FeedError('unsupported', 'not an RSS 2.0, Atom 1.0 or RSS 1.0 (RDF) feed');
}

function rssItem(n: Node, baseUrl: string): FeedItem {
  const title = htmlToText(text(n.title));
  const url = absolute(list(n.link).map(text).find(Boolean) ?? '', baseUrl);
  const content = text(n.encoded) || text(n.description);
  const publishedAt = isoDate(text(n.pubDate) || text(n.date));
  const guid = text(n.guid) || attr(n, 'about');
  return {
    id: guid || url || hashId(title, publishedAt),
    title,
    text: htmlToText(content),
    url,
    publishedAt,
    author: htmlToText(text(n.creator) || text(n.author)) || null,
    outlet: htmlToText(text(n.source)) || null,
  };
}

function atomItem(n: Node, baseUrl: string): FeedItem {
  const title = htmlToText(text(n.title));
  const links = list(n.link)
    .map(asNode)
    .filter((l): l is Node => l !== null);
  const alternate = links.find((l) => (attr(l, 'rel') || 'alternate') === 'alternate') ?? links[0];
  const url = absolute(alternate ? attr(alternate, 'href') : '', baseUrl);
  const publishedAt = isoDate(text(n.published) || text(n.updated));
  return {
    id: text(n.id) || url || hashId(title, publishedAt),
    title,
    text: htmlToText(text(n.content) || deepText(n.content) || text(n.summary)),
    url,
    publishedAt,
    author: htmlToText(text(asNode(n.author)?.name)) || null,
    outlet: htmlToText(text(asNode(n.source)?.title)) || null,
  };
}

function asNode(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The element children among `value`: an empty <item/> parses as a string and is skipped. */
function nodes(value: unknown): Node[] {
  return list(value)
    .map(asNode)
    .filter((n): n is Node => n !== null);
}

/** An element's text: entity-decoded character data plus literal CDATA. */
function text(value: unknown): string {
  if (typeof value === 'string') return decodeXML(value);
  if (Array.isArray(value)) return text(value[0]);
  const node = asNode(value);
  if (!node) return '';
  const plain = typeof node['#text'] === 'string' ? decodeXML(node['#text']) : '';
  const cdata = list(node.__cdata)
    .filter((c): c is string => typeof c === 'string')
    .join('');
  return (plain + cdata).trim();
}

/** All character data under an element: Atom's type="xhtml" content arrives as parsed elements. */
function deepText(value: unknown): string {
  if (typeof value === 'string') return decodeXML(value);
  if (Array.isArray(value)) return value.map(deepText).join(' ');
  const node = asNode(value);
  if (!node) return '';
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([key, child]) => (key === '__cdata' ? list(child).join('') : deepText(child)))
    .join(' ')
    .trim();
}

function attr(node: Node, name: string): string {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? decodeXML(value).trim() : '';
}

/** Absolute http(s) URL or null: relative links resolve against the feed; other schemes are dropped. */
function absolute(href: string, baseUrl: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** RFC 822 (RSS), RFC 3339 (Atom, dc:date) or null when unreadable. */
function isoDate(value: string): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Identity for an item with neither GUID nor link: stable across fetches of the same item. */
function hashId(title: string, publishedAt: string | null): string {
  return `sha256:${createHash('sha256')
    .update(`${title}\n${publishedAt ?? ''}`)
    .digest('hex')}`;
}

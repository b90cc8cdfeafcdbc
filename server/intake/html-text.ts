import { Parser } from 'htmlparser2';

/**
 * HTML from a feed's description or content, reduced to plain text for the extractors and the
 * triage page: tags dropped, block elements and <br> become line breaks, entities (named and
 * numeric) decoded by htmlparser2. Links keep only their text: a URL inside the analysed text would
 * hand the extractors digits and place names from slugs ("/news/1234567/quetta-blast").
 * No HTML survives, so nothing from a feed can ever be rendered as markup.
 */

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
/** Elements whose content is never text for a reader. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head']);

export function htmlToText(html: string): string {
  // Fast path: most titles and many descriptions hold no markup and no entity at all.
  if (!/[<&]/.test(html)) return tidy(html);
  const out: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (name === 'br' || BLOCK.has(name)) out.push('\n');
        else if (name === 'td' || name === 'th') out.push(' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) out.push('\n');
      },
      ontext(text) {
        if (skipDepth === 0) out.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidy(out.join(''));
}

/** Collapses runs of spaces inside lines and of blank lines, so offsets stay meaningful and stable. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * HTML for mail clients: tables and inline styles only (Outlook's Word engine and Gmail drop
 * <style> blocks and most CSS layout), no scripts, no images, nothing fetched. Every value from
 * data goes through `esc`; links go through `ProductLinks`, which only lets the product's own
 * origin through, so a mail can point nowhere else.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value safe inside HTML. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Absolute links on the product's origin: relative ones (`/?incident=12`) are resolved, foreign ones refused. */
export class ProductLinks {
  readonly origin: string;
  constructor(base: string) {
    const url = new URL(base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError('links must be http(s) URLs');
    this.origin = url.origin;
  }
  /** `href` as an absolute URL on the product's origin; a RangeError for any other origin or scheme. */
  url(href: string): string {
    const url = new URL(href, `${this.origin}/`);
    if (url.origin !== this.origin) throw new RangeError(`link outside the product: ${url.origin}`);
    if (url.username || url.password) throw new RangeError('links may not carry credentials');
    return url.toString();
  }
}

export const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif";
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const RULE = '#d9dee3';
export const ACCENT = '#9a3412';

/** A link as the clients render it (underlined, accent colour); `href` must come from ProductLinks. */
export const a = (href: string, text: string): string =>
  `<a href="${esc(href)}" style="color:${ACCENT};text-decoration:underline">${esc(text)}</a>`;

export const h2 = (text: string): string =>
  `<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3;color:${INK};${FONT}">${esc(text)}</h2>`;

export const p = (html: string, style = ''): string =>
  `<p style="margin:0 0 10px;font-size:14px;line-height:1.5;color:${INK};${FONT};${style}">${html}</p>`;

/** `#rgb`/`#rrggbb` colours only: a colour from data ends up in a style attribute. */
export const safeColour = (c: string | null | undefined): string | null => (c && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c) ? c : null);

export interface Column {
  label: string;
  /** Numbers right-aligned with tabular figures. */
  numeric?: boolean;
}

/** A data table; cells are HTML already escaped by the caller (build them with `esc`). */
export function table(columns: Column[], rows: string[][], caption?: string): string {
  const cell = (tag: 'th' | 'td', html: string, c: Column, head: boolean) =>
    `<${tag}${tag === 'th' && !head ? ' scope="row"' : head ? ' scope="col"' : ''} style="padding:6px 8px;border-bottom:1px solid ${RULE};font-size:13px;line-height:1.4;${FONT};color:${head ? MUTED : INK};text-align:${c.numeric ? 'right' : 'left'};${c.numeric ? 'font-variant-numeric:tabular-nums;white-space:nowrap;' : ''}${head ? 'font-weight:600;' : tag === 'th' ? 'font-weight:600;' : 'font-weight:400;'}">${html}</${tag}>`;
  const head = `<tr>${columns.map((c) => cell('th', esc(c.label), c, true)).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((html, i) => cell(i === 0 ? 'th' : 'td', html, columns[i], false)).join('')}</tr>`).join('');
  return `<table role="table" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%">${caption ? `<caption style="text-align:left;font-size:13px;color:${MUTED};${FONT};padding:0 0 4px">${esc(caption)}</caption>` : ''}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A horizontal bar `pct` % wide made of table cells (images would be fetched or blocked; cells always render). */
export function bar(pct: number, colour = ACCENT): string {
  const w = Math.max(0, Math.min(100, Math.round(pct)));
  if (w === 0)
    return `<table width="100%" cellpadding="0" cellspacing="0" border="0" role="presentation"><tr><td style="height:10px;font-size:0;line-height:0">&nbsp;</td></tr></table>`;
  const rest = 100 - w;
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" role="presentation"><tr><td width="${w}%" style="width:${w}%;height:10px;background:${colour};font-size:0;line-height:0">&nbsp;</td>${rest > 0 ? `<td width="${rest}%" style="width:${rest}%;font-size:0;line-height:0">&nbsp;</td>` : ''}</tr></table>`;
}

/** The whole document: a centred 640-px column, the preheader hidden, `content` inside. */
export function documentHtml(opts: { title: string; preheader: string; content: string; footer: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${esc(opts.title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7">`,
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${esc(opts.preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7"><tr><td align="center" style="padding:16px 8px">`,
    `<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background:#ffffff;border:1px solid ${RULE}">`,
    `<tr><td style="padding:20px 24px;${FONT};color:${INK}">${opts.content}</td></tr>`,
    `<tr><td style="padding:14px 24px;border-top:1px solid ${RULE};font-size:12px;line-height:1.5;color:${MUTED};${FONT}">${opts.footer}</td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('\n');
}

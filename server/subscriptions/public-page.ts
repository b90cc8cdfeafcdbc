import 'server-only';

/**
 * The small pages of the links in mails (unsubscribe, confirm), answered without sign-in. Built
 * from fixed text only: the one variable part is a token that has already been verified against
 * its strict pattern, and it is URL-encoded into the form's action. No script, no external resource.
 */
export function publicPage(opts: {
  status: number;
  title: string;
  message: string;
  form?: { action: string; button: string; field?: [string, string] };
}): Response {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const form = opts.form
    ? `<form method="post" action="${esc(opts.form.action)}">${
        opts.form.field ? `<input type="hidden" name="${esc(opts.form.field[0])}" value="${esc(opts.form.field[1])}">` : ''
      }<button type="submit">${esc(opts.form.button)}</button></form>`
    : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(opts.title)} · Frontier Watch</title></head><body><main><h1>${esc(opts.title)}</h1><p>${esc(opts.message)}</p>${form}</main></body></html>`;
  return new Response(html, {
    status: opts.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}

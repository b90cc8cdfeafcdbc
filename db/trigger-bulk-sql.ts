/**
 * Turns a row trigger `CREATE TRIGGER … AFTER INSERT ON <table> BEGIN INSERT INTO … VALUES (…)
 * [ON CONFLICT …]; END` into one set-based statement over the rows with id > ?, reusing the
 * trigger's own expressions (`new` becomes an alias of the table), so a bulk load can drop the
 * trigger and apply it once without a second copy of its SQL. Null for any other shape (a WHEN
 * clause, several statements, INSERT … SELECT): such triggers must keep firing per row.
 */
export function insertTriggerAsBulk(createSql: string, table: string): string | null {
  const head = new RegExp(
    `^\\s*CREATE\\s+TRIGGER\\s+\\S+\\s+AFTER\\s+INSERT\\s+ON\\s+[\`"]?${table}[\`"]?\\s+(?:FOR\\s+EACH\\s+ROW\\s+)?BEGIN\\b`,
    'i',
  );
  const m = head.exec(createSql);
  if (!m) return null;
  const body = createSql
    .slice(m[0].length)
    .replace(/\bEND\s*;?\s*$/i, '')
    .trim();
  if (!/^INSERT\s+INTO\b/i.test(body)) return null;
  const tokens = topLevel(body);
  if (!tokens) return null;
  const { semicolons, valuesAt } = tokens;
  if (semicolons.length !== 1 || semicolons[0] !== body.length - 1 || valuesAt === null) return null;
  const open = body.indexOf('(', valuesAt);
  const close = matchingParen(body, open);
  if (close === null || body.slice(valuesAt + 'VALUES'.length, open).trim() !== '') return null;
  const rest = body.slice(close + 1, -1).trim();
  if (rest !== '' && !/^ON\s+CONFLICT\b/i.test(rest)) return null;
  // NOT INDEXED: the new rows are one rowid range, read in rowid order. With exact statistics the
  // planner preferred a skip-scan of the time index for `id > ?` (rows in time order, each looked
  // up by rowid; FTS5 then merged overlapping segments), several times slower for a bulk load.
  return `${body.slice(0, valuesAt)}SELECT ${body.slice(open + 1, close).trim()} FROM \`${table}\` AS new NOT INDEXED WHERE new.id > ?${rest ? ` ${rest}` : ''}`;
}

/** Positions of top-level `;` and of the first top-level VALUES keyword, skipping quotes; null if unbalanced. */
function topLevel(sql: string): { semicolons: number[]; valuesAt: number | null } | null {
  const semicolons: number[] = [];
  let valuesAt: number | null = null;
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    const quoted = quoteEnd(sql, i);
    if (quoted === null) return null;
    if (quoted !== i) i = quoted;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ';') semicolons.push(i);
    else if (depth === 0 && valuesAt === null && /^VALUES\b/i.test(sql.slice(i, i + 7)) && !/\w/.test(sql[i - 1] ?? '')) valuesAt = i;
    if (depth < 0) return null;
  }
  return depth === 0 ? { semicolons, valuesAt } : null;
}

function matchingParen(sql: string, open: number): number | null {
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    const quoted = quoteEnd(sql, i);
    if (quoted === null) return null;
    if (quoted !== i) i = quoted;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return null;
}

/** Index of the quote closing a string or quoted identifier opened at `i` (`i` itself if none opens there); null if unclosed. */
function quoteEnd(sql: string, i: number): number | null {
  const c = sql[i];
  if (c !== "'" && c !== '"' && c !== '`') return i;
  const end = sql.indexOf(c, i + 1);
  return end < 0 ? null : end;
}

import type { Db } from '@/db/connection';

/**
 * The full-text table db/queries/report-search.ts uses when present, as a migration would add it
 * (docs/intake.md, "Search"): contentless FTS5 over title and text, kept by triggers.
 */
export const REPORT_SEARCH_DDL = `
CREATE INDEX reports_queue_idx ON reports (region, status, id DESC);
CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');
INSERT INTO reports_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM reports;
CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
  INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN
  DELETE FROM reports_fts WHERE rowid = old.id;
  INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
  DELETE FROM reports_fts WHERE rowid = old.id;
END;
`;

export function addReportSearchIndex(db: Db): void {
  db.$client.exec(REPORT_SEARCH_DDL);
}

/** Undoes addReportSearchIndex (the bench measures with and without it on one working copy). */
export function dropReportSearchIndex(db: Db): void {
  db.$client.exec(`
DROP TRIGGER reports_fts_ai; DROP TRIGGER reports_fts_au; DROP TRIGGER reports_fts_ad;
DROP TABLE reports_fts; DROP INDEX reports_queue_idx;`);
}

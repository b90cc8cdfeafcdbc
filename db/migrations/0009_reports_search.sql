-- The triage queue's filters at 100,000 reports: a region index (region, status, newest first) and
-- a contentless full-text table over title and text, kept by triggers, for `q` (every word an
-- AND-ed prefix term, as the incident search: lib/validation/fts.ts). Without them both scanned
-- every report (region ~90 ms, q ~200 ms p95 against a 50 ms target; docs/benchmarks.md).
CREATE INDEX `reports_queue_idx` ON `reports` (`region`,`status`,"id" DESC);
--> statement-breakpoint
CREATE VIRTUAL TABLE `reports_fts` USING fts5(
  `title`, `text`,
  content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `reports_fts`(rowid, `title`, `text`) SELECT `id`, coalesce(`title`, ''), `text` FROM `reports`;
--> statement-breakpoint
CREATE TRIGGER `reports_fts_ai` AFTER INSERT ON `reports` BEGIN
  INSERT INTO `reports_fts`(rowid, `title`, `text`) VALUES (new.`id`, coalesce(new.`title`, ''), new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `reports_fts_au` AFTER UPDATE OF `title`, `text` ON `reports` BEGIN
  DELETE FROM `reports_fts` WHERE rowid = old.`id`;
  INSERT INTO `reports_fts`(rowid, `title`, `text`) VALUES (new.`id`, coalesce(new.`title`, ''), new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `reports_fts_ad` AFTER DELETE ON `reports` BEGIN
  DELETE FROM `reports_fts` WHERE rowid = old.`id`;
END;

-- incidents_fts with detail=none: the index keeps which rows hold a token, not where. Searches are
-- quoted one-token prefix terms (lib/validation/fts.ts), which need nothing more; no phrase, NEAR
-- or column query is ever built. A quarter of the size (1M incidents: 148 → 38 MB) and cheaper to
-- build and merge. The table is recreated and refilled from incidents; the triggers are the same.
DROP TRIGGER `incidents_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `incidents_fts_au`;
--> statement-breakpoint
DROP TRIGGER `incidents_fts_ad`;
--> statement-breakpoint
DROP TABLE `incidents_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `incidents_fts` USING fts5(
  `location`, `actors`, `notes`,
  content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `incidents_fts`(rowid, `location`, `actors`, `notes`) SELECT
  `id`,
  concat_ws(' ', `location`, `admin3`, `admin2`, `admin1`),
  concat_ws(' ', `actor1`, `assoc_actors`, `actor2`, `group_id`),
  `notes`
FROM `incidents`;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_ai` AFTER INSERT ON `incidents` BEGIN
  INSERT INTO `incidents_fts`(rowid, `location`, `actors`, `notes`) VALUES (
    new.`id`,
    concat_ws(' ', new.`location`, new.`admin3`, new.`admin2`, new.`admin1`),
    concat_ws(' ', new.`actor1`, new.`assoc_actors`, new.`actor2`, new.`group_id`),
    new.`notes`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_au` AFTER UPDATE OF `location`, `admin1`, `admin2`, `admin3`, `actor1`, `assoc_actors`, `actor2`, `group_id`, `notes` ON `incidents` BEGIN
  DELETE FROM `incidents_fts` WHERE rowid = old.`id`;
  INSERT INTO `incidents_fts`(rowid, `location`, `actors`, `notes`) VALUES (
    new.`id`,
    concat_ws(' ', new.`location`, new.`admin3`, new.`admin2`, new.`admin1`),
    concat_ws(' ', new.`actor1`, new.`assoc_actors`, new.`actor2`, new.`group_id`),
    new.`notes`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_ad` AFTER DELETE ON `incidents` BEGIN
  DELETE FROM `incidents_fts` WHERE rowid = old.`id`;
END;

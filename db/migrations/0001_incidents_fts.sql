-- Full-text index over place names, actors and notes. Contentless (the text lives in incidents),
-- with contentless_delete so triggers can keep it in step on update and delete.
CREATE VIRTUAL TABLE `incidents_fts` USING fts5(
  `location`, `actors`, `notes`,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
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

-- v5: homework from packs (docs/packs.md) says what kind of thing each assignment is.
--   kind        prompt | strategy | assessment | checkin
--   instrument  for an assessment: phq9, phq8, gad7, pcl5 or who5
--   every_days  a cadence in days ("every 2 weeks" = 14); null with no times_per_week = once
-- homework_pack.kind records whether the file was a pack or a card.

ALTER TABLE homework_assignment ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'prompt';
ALTER TABLE homework_assignment ADD COLUMN instrument VARCHAR;
ALTER TABLE homework_assignment ADD COLUMN every_days INTEGER;
ALTER TABLE homework_pack ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'pack';

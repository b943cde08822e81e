-- What each trusted key may sign (`gocua_core::catalogue::signed::KeyScope`):
-- `lead` (added by a team lead: any pack but the national catalogue),
-- `province:NN` (a team hub's key: that province's packs, guides, roster) or
-- `hub` (a hub's key whose province is unknown: guides and roster only).
-- Keys the app learned when joining a hub before this (named
-- "<team> (https://…)" by the join) become `hub`: they no longer sign packs
-- until the laptop joins again and learns its province.
ALTER TABLE trusted_key ADD COLUMN scope TEXT NOT NULL DEFAULT 'lead';
UPDATE trusted_key SET scope = 'hub' WHERE name LIKE '% (https://%)';

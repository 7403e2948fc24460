-- The library sorts by date and name only; this index only slowed every insert.
-- DropIndex
DROP INDEX "files_organization_id_status_size_id_idx";

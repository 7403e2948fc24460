-- Admin user search (PRODUCT.md D1, F3): trigram matching needs pg_trgm. Extensions are installed
-- by migrations, not declared in schema.prisma (Prisma deprecated `postgresqlExtensions` in 6.16);
-- the drift check installs the extensions the migrations create before building the schema side
-- (packages/db/src/migrations/drift.ts). pg_trgm is a trusted extension: a database owner without
-- superuser may create it.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "users_name_trgm_idx" ON "users" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_email_trgm_idx" ON "users" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_name_id_idx" ON "users"("name", "id");

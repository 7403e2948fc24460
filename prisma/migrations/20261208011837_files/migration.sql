-- CreateEnum
CREATE TYPE "file_purpose" AS ENUM ('avatar', 'org_logo', 'org_file');

-- CreateEnum
CREATE TYPE "file_status" AS ENUM ('pending', 'uploaded', 'verified', 'ready', 'rejected', 'deleted');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "avatar_file_id" UUID;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "logo_file_id" UUID;

-- CreateTable
CREATE TABLE "files" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "owner_user_id" UUID,
    "purpose" "file_purpose" NOT NULL,
    "status" "file_status" NOT NULL DEFAULT 'pending',
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "declared_type" TEXT NOT NULL,
    "declared_size" BIGINT NOT NULL,
    "size" BIGINT,
    "detected_type" TEXT,
    "reject_reason" TEXT,
    "multipart_upload_id" TEXT,
    "part_size" INTEGER,
    "variants" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "ready_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "files_key_key" ON "files"("key");

-- CreateIndex
CREATE INDEX "files_organization_id_status_created_at_id_idx" ON "files"("organization_id", "status", "created_at", "id");

-- CreateIndex
CREATE INDEX "files_organization_id_status_name_id_idx" ON "files"("organization_id", "status", "name", "id");

-- CreateIndex
CREATE INDEX "files_organization_id_status_size_id_idx" ON "files"("organization_id", "status", "size", "id");

-- CreateIndex
CREATE INDEX "files_status_created_at_idx" ON "files"("status", "created_at");

-- CreateIndex
CREATE INDEX "files_status_deleted_at_idx" ON "files"("status", "deleted_at");

-- CreateIndex
CREATE INDEX "files_owner_user_id_status_idx" ON "files"("owner_user_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "users_avatar_file_id_key" ON "users"("avatar_file_id");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_logo_file_id_key" ON "organizations"("logo_file_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_avatar_file_id_fkey" FOREIGN KEY ("avatar_file_id") REFERENCES "files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_logo_file_id_fkey" FOREIGN KEY ("logo_file_id") REFERENCES "files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_owner_user_id_fkey" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

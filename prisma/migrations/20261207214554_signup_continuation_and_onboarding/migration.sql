-- AlterTable
ALTER TABLE "users" ADD COLUMN     "onboarding_dismissed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "email_tokens" ADD COLUMN     "continuation_hash" TEXT;

-- CreateIndex
CREATE INDEX "invitations_invited_by_id_idx" ON "invitations"("invited_by_id");

-- CreateIndex
CREATE INDEX "api_keys_created_by_id_idx" ON "api_keys"("created_by_id");

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "impersonator_id" UUID;

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "impersonation_reason" TEXT,
ADD COLUMN     "impersonator_id" UUID,
ADD COLUMN     "impersonator_session_id" UUID;

-- CreateIndex
CREATE INDEX "audit_logs_impersonator_id_created_at_idx" ON "audit_logs"("impersonator_id", "created_at");

-- CreateIndex
CREATE INDEX "sessions_impersonator_id_idx" ON "sessions"("impersonator_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_impersonator_id_fkey" FOREIGN KEY ("impersonator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

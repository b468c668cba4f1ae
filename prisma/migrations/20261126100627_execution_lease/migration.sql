-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "leaseExpiresAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Execution_status_leaseExpiresAt_idx" ON "Execution"("status", "leaseExpiresAt");

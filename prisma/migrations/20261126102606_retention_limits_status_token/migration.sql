-- DropIndex
DROP INDEX "Execution_workflowId_idx";

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "payloadPrunedAt" TIMESTAMPTZ(3),
ADD COLUMN     "statusTokenHash" TEXT;

-- CreateTable
CREATE TABLE "RetentionSettings" (
    "userId" UUID NOT NULL,
    "maxAgeDays" INTEGER NOT NULL DEFAULT 14,
    "maxExecutionsPerWorkflow" INTEGER,
    "dropPayloadOnly" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetentionSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitWindow_expiresAt_idx" ON "RateLimitWindow"("expiresAt");

-- CreateIndex
CREATE INDEX "Execution_workflowId_status_idx" ON "Execution"("workflowId", "status");

-- AddForeignKey
ALTER TABLE "RetentionSettings" ADD CONSTRAINT "RetentionSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Admission for the per-workflow concurrency limit (lib/executions/record-limited-start.ts).
-- Called from the WHERE of the INSERT of the RUNNING row, so admission and insert are one
-- statement and one transaction. The advisory lock serializes admissions of one workflow
-- until that transaction commits; being VOLATILE, the count inside takes a fresh snapshot
-- after the lock is granted and so sees the row the previous holder committed. Rows whose
-- lease expired (a dead runner the reconciler has not reached yet) do not hold a slot.
CREATE FUNCTION hookflow_admit_execution(workflow_id uuid, max_running integer) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  running integer;
BEGIN
  PERFORM pg_advisory_xact_lock(74144, hashtext(workflow_id::text));
  SELECT count(*) INTO running FROM "Execution"
   WHERE "workflowId" = workflow_id AND "status" = 'RUNNING' AND "leaseExpiresAt" > now();
  RETURN running < max_running;
END;
$$;

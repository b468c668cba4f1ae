-- AlterEnum
ALTER TYPE "ExecutionStatus" ADD VALUE 'WAITING';

-- AlterEnum
ALTER TYPE "NodeExecutionStatus" ADD VALUE 'WAITING';
ALTER TYPE "NodeExecutionStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "crashes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resumeAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "NodeExecution" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "outputName" TEXT;

-- CreateIndex
CREATE INDEX "Execution_status_resumeAt_idx" ON "Execution"("status", "resumeAt");

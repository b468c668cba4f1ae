-- CreateEnum
CREATE TYPE "BulkAction" AS ENUM ('rerun', 'cancel', 'delete');

-- CreateEnum
CREATE TYPE "BulkOperationStatus" AS ENUM ('RUNNING', 'DONE');

-- CreateEnum
CREATE TYPE "BulkItemStatus" AS ENUM ('PENDING', 'DONE', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "BulkOperation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "action" "BulkAction" NOT NULL,
    "version" TEXT,
    "selection" JSONB NOT NULL,
    "status" "BulkOperationStatus" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "selectionHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BulkOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkOperationItem" (
    "operationId" UUID NOT NULL,
    "executionId" UUID NOT NULL,
    "status" "BulkItemStatus" NOT NULL DEFAULT 'PENDING',
    "claimedUntil" TIMESTAMPTZ(3),
    "resultExecutionId" UUID,
    "message" TEXT,

    CONSTRAINT "BulkOperationItem_pkey" PRIMARY KEY ("operationId","executionId")
);

-- CreateIndex
CREATE INDEX "Execution_retryOfId_status_idx" ON "Execution"("retryOfId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BulkOperation_userId_idempotencyKey_key" ON "BulkOperation"("userId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "BulkOperation_userId_createdAt_idx" ON "BulkOperation"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkOperation_status_updatedAt_idx" ON "BulkOperation"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "BulkOperationItem_operationId_status_idx" ON "BulkOperationItem"("operationId", "status");

-- AddForeignKey
ALTER TABLE "BulkOperation" ADD CONSTRAINT "BulkOperation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkOperationItem" ADD CONSTRAINT "BulkOperationItem_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "BulkOperation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

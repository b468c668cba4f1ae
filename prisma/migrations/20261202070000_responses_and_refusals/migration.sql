-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "responseMs" INTEGER,
ADD COLUMN     "responseSent" JSONB,
ADD COLUMN     "responseStatus" INTEGER;

-- CreateTable
CREATE TABLE "RefusalCount" (
    "workflowId" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RefusalCount_pkey" PRIMARY KEY ("workflowId","path","minute","status","reason")
);

-- CreateTable
CREATE TABLE "RefusedDelivery" (
    "id" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "bodyBytes" INTEGER,
    "headers" JSONB NOT NULL,
    "bodySample" TEXT,
    "bodyEncoding" TEXT,

    CONSTRAINT "RefusedDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RefusalCount_minute_idx" ON "RefusalCount"("minute");

-- CreateIndex
CREATE INDEX "RefusedDelivery_workflowId_receivedAt_id_idx" ON "RefusedDelivery"("workflowId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RefusedDelivery_receivedAt_idx" ON "RefusedDelivery"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RefusedDelivery_workflowId_path_minute_status_reason_slot_key" ON "RefusedDelivery"("workflowId", "path", "minute", "status", "reason", "slot");

-- AddForeignKey
ALTER TABLE "RefusalCount" ADD CONSTRAINT "RefusalCount_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefusedDelivery" ADD CONSTRAINT "RefusedDelivery_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

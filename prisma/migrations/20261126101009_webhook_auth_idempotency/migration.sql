-- CreateEnum
CREATE TYPE "WebhookAuthType" AS ENUM ('none', 'header', 'hmac', 'github');

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "response" JSONB;

-- AlterTable
ALTER TABLE "WebhookTrigger" ADD COLUMN     "authHeaderName" TEXT,
ADD COLUMN     "authType" "WebhookAuthType" NOT NULL DEFAULT 'none',
ADD COLUMN     "idempotency" JSONB,
ADD COLUMN     "secret" TEXT,
ADD COLUMN     "secretRotatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "nodeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "executionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_workflowId_nodeId_key_key" ON "WebhookDelivery"("workflowId", "nodeId", "key");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

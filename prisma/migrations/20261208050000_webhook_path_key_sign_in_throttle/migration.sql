-- AlterTable: webhook paths unique case-insensitively (lib/triggers/sync-triggers.ts).
ALTER TABLE "WebhookTrigger" ADD COLUMN     "pathKey" TEXT;

-- Backfill. Paths that already collide case-insensitively keep working (requests match "path"
-- exactly): every row but the oldest of a collision gets a key of its own, and that workflow's
-- next save reports the conflict to its author.
UPDATE "WebhookTrigger" t SET "pathKey" = CASE
  WHEN EXISTS (
    SELECT 1 FROM "WebhookTrigger" o
    WHERE lower(o."path") = lower(t."path") AND o."id" <> t."id" AND (o."createdAt", o."id") < (t."createdAt", t."id")
  ) THEN lower(t."path") || '#' || t."id"::text
  ELSE lower(t."path")
END;

ALTER TABLE "WebhookTrigger" ALTER COLUMN "pathKey" SET NOT NULL;

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookTrigger_pathKey_key" ON "WebhookTrigger"("pathKey");

-- CreateIndex
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");

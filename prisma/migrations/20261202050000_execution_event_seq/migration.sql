-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "UserEventCounter" (
    "userId" UUID NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UserEventCounter_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "Execution_userId_eventSeq_idx" ON "Execution"("userId", "eventSeq");

-- AddForeignKey
ALTER TABLE "UserEventCounter" ADD CONSTRAINT "UserEventCounter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

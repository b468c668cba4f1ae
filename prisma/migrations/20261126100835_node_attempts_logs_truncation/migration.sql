-- AlterTable
ALTER TABLE "NodeExecution" ADD COLUMN     "attempts" JSONB,
ADD COLUMN     "logs" JSONB,
ADD COLUMN     "outputBytes" INTEGER,
ADD COLUMN     "outputTruncated" BOOLEAN NOT NULL DEFAULT false;

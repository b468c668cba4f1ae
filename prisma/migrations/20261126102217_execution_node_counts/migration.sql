-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "nodesFailed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nodesSucceeded" INTEGER NOT NULL DEFAULT 0;

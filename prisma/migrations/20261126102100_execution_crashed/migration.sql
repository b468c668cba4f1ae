-- AlterEnum
ALTER TYPE "ExecutionStatus" ADD VALUE 'CRASHED';

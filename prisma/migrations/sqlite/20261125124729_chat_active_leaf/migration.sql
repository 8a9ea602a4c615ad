-- AlterTable
ALTER TABLE "Chat" ADD COLUMN "activeLeafId" TEXT;

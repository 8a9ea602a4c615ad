-- AlterTable
ALTER TABLE "Chat" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "reasoningMs" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "settings" JSONB;

-- CreateIndex
CREATE INDEX "Chat_userId_pinned_idx" ON "Chat"("userId", "pinned");

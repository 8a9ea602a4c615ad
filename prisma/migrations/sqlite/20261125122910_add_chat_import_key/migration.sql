-- AlterTable
ALTER TABLE "Chat" ADD COLUMN "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Chat_userId_importKey_key" ON "Chat"("userId", "importKey");

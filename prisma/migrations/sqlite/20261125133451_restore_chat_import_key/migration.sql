-- The ux migration rebuilt the Chat table on SQLite without importKey (both were written in parallel); this adds it back.
-- AlterTable
ALTER TABLE "Chat" ADD COLUMN "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Chat_userId_importKey_key" ON "Chat"("userId", "importKey");

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "reasoningMs" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "settings" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Chat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleSource" TEXT NOT NULL DEFAULT 'auto',
    "model" TEXT NOT NULL,
    "thinking" BOOLEAN NOT NULL DEFAULT true,
    "reasoningEffort" TEXT,
    "settings" JSONB,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chat_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Chat" ("createdAt", "id", "model", "reasoningEffort", "settings", "thinking", "title", "titleSource", "updatedAt", "userId") SELECT "createdAt", "id", "model", "reasoningEffort", "settings", "thinking", "title", "titleSource", "updatedAt", "userId" FROM "Chat";
DROP TABLE "Chat";
ALTER TABLE "new_Chat" RENAME TO "Chat";
CREATE INDEX "Chat_userId_updatedAt_idx" ON "Chat"("userId", "updatedAt");
CREATE INDEX "Chat_userId_pinned_idx" ON "Chat"("userId", "pinned");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

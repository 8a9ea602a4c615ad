-- Search reads "searchText", the visible text of a message's parts (lib/chat/search-text.ts):
-- the text parts' text joined by a newline, never reasoning or the JSON's keys. It comes before
-- "parts" in the row, so SQLite reaches it without reading through a long answer's JSON. Existing
-- messages get it here, computed from their parts exactly as the app computes it (a test compares
-- the two); the app writes it with "parts" from now on. This copies the table once (about 9 s per
-- 500,000 messages on a 2-core machine). A message whose JSON holds an escaped lone surrogate
-- (JSON.stringify writes one as \udXXX; a valid pair is never escaped) gets '' here, because
-- json_extract would decode it to bytes that are not UTF-8; db:migrate then computes those few
-- in JavaScript (repairSearchText in lib/db/migrate.ts), as the app stores them.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatId" TEXT NOT NULL,
    "parentId" TEXT,
    "role" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "parts" JSONB NOT NULL,
    "model" TEXT,
    "status" TEXT NOT NULL DEFAULT 'complete',
    "errorCode" TEXT,
    "finishReason" TEXT,
    "inputCacheHitTokens" INTEGER,
    "inputCacheMissTokens" INTEGER,
    "outputTokens" INTEGER,
    "reasoningTokens" INTEGER,
    "reasoningMs" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Message_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("chatId", "createdAt", "errorCode", "finishReason", "id", "inputCacheHitTokens", "inputCacheMissTokens", "model", "outputTokens", "parentId", "parts", "reasoningMs", "reasoningTokens", "role", "searchText", "status", "updatedAt") SELECT "chatId", "createdAt", "errorCode", "finishReason", "id", "inputCacheHitTokens", "inputCacheMissTokens", "model", "outputTokens", "parentId", "parts", "reasoningMs", "reasoningTokens", "role", CASE WHEN "parts" GLOB '*\u[dD][89aAbBcCdDeEfF]*' THEN '' ELSE COALESCE((
    SELECT group_concat(json_extract("Message"."parts", p."fullkey" || '.text'), char(10) ORDER BY p."key")
    FROM json_each("Message"."parts") p
    WHERE json_type("Message"."parts") = 'array'
      AND json_extract("Message"."parts", p."fullkey" || '.type') = 'text'
      AND json_type("Message"."parts", p."fullkey" || '.text') = 'text'
), '') END, "status", "updatedAt" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_chatId_createdAt_idx" ON "Message"("chatId", "createdAt");
CREATE INDEX "Message_status_updatedAt_idx" ON "Message"("status", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

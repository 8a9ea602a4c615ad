-- "searchText" for the messages stored before the column existed, computed from their parts exactly
-- as the app computes it (a test compares the two). A migration of its own, so it runs in its own
-- transaction, after the column was added: it locks the rows it rewrites, not the table, so chats
-- still load and new messages still save meanwhile (about 12 s per 500,000 messages on a 2-core
-- machine; an answer's checkpoint that lands on a row being rewritten waits for it).
UPDATE "Message" SET "searchText" = COALESCE((
  SELECT string_agg(e ->> 'text', E'\n' ORDER BY i)
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof("parts") = 'array' THEN "parts" ELSE '[]'::jsonb END) WITH ORDINALITY AS t(e, i)
  WHERE e ->> 'type' = 'text' AND jsonb_typeof(e -> 'text') = 'string'
), '');

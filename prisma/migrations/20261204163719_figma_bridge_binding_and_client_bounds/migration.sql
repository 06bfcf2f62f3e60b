-- Entries filed before sign-ins were bound to a poll secret can no longer be collected by
-- anyone (they live 10 minutes in any case): they go, so that the new columns can be required.
DELETE FROM "figma_poll_entries";

-- AlterTable
ALTER TABLE "figma_poll_entries" ADD COLUMN     "poll_secret_hash" TEXT NOT NULL,
ADD COLUMN     "user_code_hash" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "oauth_clients" ADD COLUMN     "document_host" TEXT,
ADD COLUMN     "resolved_at" TIMESTAMP(3);

-- Clients stored from metadata documents before: their host, from the client_id URL.
UPDATE "oauth_clients" SET "document_host" = lower(split_part(substr("id", 9), '/', 1))
WHERE "id" LIKE 'https://%';

-- CreateIndex
CREATE INDEX "oauth_clients_document_host_idx" ON "oauth_clients"("document_host");

-- AlterTable
ALTER TABLE "oauth_refresh_tokens" ADD COLUMN     "replacement_sealed" TEXT;

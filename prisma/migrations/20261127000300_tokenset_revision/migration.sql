-- AlterTable
ALTER TABLE "tokensets" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

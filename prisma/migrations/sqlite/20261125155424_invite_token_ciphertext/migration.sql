-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "tokenCiphertext" TEXT;

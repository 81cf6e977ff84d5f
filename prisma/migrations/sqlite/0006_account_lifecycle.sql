-- The account lifecycle: disabled users and tokens that expire.
ALTER TABLE "users" ADD COLUMN "disabledAt" DATETIME;
ALTER TABLE "api_tokens" ADD COLUMN "expiresAt" DATETIME;

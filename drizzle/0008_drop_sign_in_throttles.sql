-- Failed sign-ins are counted per (address, login) pair and per address by the rate limiter
-- (src/server/rate-limit.ts) since issue 9, so a stranger cannot lock an owner out; the old
-- per-login table is no longer written.
DROP TABLE "sign_in_throttles" CASCADE;
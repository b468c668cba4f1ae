// Integration tests talk to the real database (DATABASE_URL from global-setup).
// Realtime goes through a recording transport installed per test (test/helpers.ts);
// these credentials only have to be well-formed for the pusher SDK's signing.
process.env.PUSHER_APP_ID ??= "test-app";
process.env.PUSHER_KEY ??= "test-key";
process.env.PUSHER_SECRET ??= "test-secret";
process.env.PUSHER_HOST ??= "127.0.0.1";
process.env.PUSHER_PORT ??= "1";
process.env.PUSHER_USE_TLS ??= "false";
process.env.CRON_SECRET ??= "test-cron-secret-0123456789";

// Security headers for every response (pages, API routes and webhooks). The pages' Content-Security-
// Policy needs a fresh nonce per request, so proxy.ts sets it; webhook responses get theirs from the
// webhook route (lib/engine/response-headers.ts). Next keeps the first value of a header, so these
// win over a route's own: the respond node refuses them (APP_WIDE_RESPONSE_HEADERS, checked in
// lib/engine/response-headers.test.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // Legacy twin of the pages' CSP frame-ancestors 'none', and the only framing guard on API answers.
  { key: "X-Frame-Options", value: "DENY" },
];

// Browsers ignore HSTS on plain http (RFC 6797 §8.1), so a forged x-forwarded-proto is harmless.
// Sent when the request came through an https-terminating proxy; `next start` itself serves http.
const hsts = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-side Node modules loaded as they are, not bundled copies: pg and its Prisma
  // adapter, and QuickJS, which the code-node worker threads load by name at run time
  // (the bundler cannot see those requires, so the packages are traced in explicitly).
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "quickjs-emscripten-core", "@jitl/quickjs-singlefile-cjs-release-sync"],
  outputFileTracingIncludes: {
    "/api/**": ["./node_modules/quickjs-emscripten-core/**", "./node_modules/@jitl/quickjs-singlefile-cjs-release-sync/**", "./node_modules/@jitl/quickjs-ffi-types/**"],
  },
  // Type checking and lint run in `npm test`; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [hsts] },
    ];
  },
};

module.exports = nextConfig;

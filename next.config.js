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
};

module.exports = nextConfig;

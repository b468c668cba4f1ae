// Where to go after signing in: only a path on this site ("//evil.example" is not one).
export function safeNextPath(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/executions";
  if (next.startsWith("/sign-in") || next.startsWith("/sign-up") || next.startsWith("/api/")) return "/executions";
  return next;
}

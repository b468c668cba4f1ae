// Liveness for load balancers and the launcher's readiness check: no database, no auth.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}

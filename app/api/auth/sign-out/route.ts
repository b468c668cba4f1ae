import { withRoute } from "@/lib/api/with-route";
import { clearedSessionCookie, deleteSession, readCookie, SESSION_COOKIE } from "@/lib/auth/sessions";
import { routeMethods } from "@/lib/api/route-methods";

const handlePost = withRoute("auth.signOut", async ({ request }) => {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) await deleteSession(token);
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie() } });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });

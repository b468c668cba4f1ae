import { secretJson } from "@/lib/api/secret-response";
import { createSession, sessionCookie } from "./sessions";

export async function startSessionResponse(request: Request, user: { id: string; email: string }, status = 200): Promise<Response> {
  const { token, expiresAt } = await createSession(user.id);
  const secure = new URL(request.url).protocol === "https:";
  return secretJson({ user }, { status, headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
}

import { AppError } from "@/lib/api/errors";
import { findApiKeyUser } from "./api-keys";
import { findSessionUser, readCookie, SESSION_COOKIE } from "./sessions";

export type Caller = { id: string; email: string; via: "session" | "apiKey" };

// "Who is asking": a Bearer API key (scripts, the REST API) or the session cookie (the UI).
export async function findCaller(request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match?.[1] ? await findApiKeyUser(match[1]) : null;
    if (!user) throw new AppError({ code: "unauthorized", message: "Invalid or revoked API key" });
    return { ...user, via: "apiKey" };
  }
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  const user = token ? await findSessionUser(token) : null;
  return user ? { ...user, via: "session" } : null;
}

export async function requireCaller(request: Request): Promise<Caller> {
  const caller = await findCaller(request);
  if (!caller) throw new AppError({ code: "unauthorized", message: "Sign in or send an API key as a Bearer token" });
  return caller;
}

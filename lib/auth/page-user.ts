import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, SESSION_COOKIE } from "./sessions";

// For server components and pages: the signed-in user, or a redirect to sign-in.
export async function requirePageUser(): Promise<{ id: string; email: string }> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = token ? await findSessionUser(token) : null;
  if (!user) redirect("/sign-in");
  return user;
}

export async function findPageUser(): Promise<{ id: string; email: string } | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? findSessionUser(token) : null;
}

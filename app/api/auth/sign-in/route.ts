import { z } from "zod";
import { readJson, withRoute } from "@/lib/api/with-route";
import { signIn } from "@/lib/auth/sign-in";
import { startSessionResponse } from "@/lib/auth/start-session-response";
import { routeMethods } from "@/lib/api/route-methods";

const signInSchema = z.object({ email: z.string().min(1, "email is required"), password: z.string().min(1, "password is required") });

const handlePost = withRoute("auth.signIn", async ({ request }) => {
  const { email, password } = signInSchema.parse(await readJson(request));
  return startSessionResponse(request, await signIn(email, password, request));
}, { csrf: "always" });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });

import { readJson, withRoute } from "@/lib/api/with-route";
import { credentialsSchema } from "@/lib/auth/users";
import { signUpOrSignIn } from "@/lib/auth/sign-in";
import { startSessionResponse } from "@/lib/auth/start-session-response";
import { routeMethods } from "@/lib/api/route-methods";

// An existing email with its own password signs in, with the same 201 (lib/auth/users.ts signUp).
const handlePost = withRoute("auth.signUp", async ({ request }) => {
  const user = await signUpOrSignIn(credentialsSchema.parse(await readJson(request)), request);
  return startSessionResponse(request, user, 201);
}, { csrf: "always" });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });

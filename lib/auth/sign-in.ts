import { countSignInAttempt, signInSucceeded, throttleKeys } from "./sign-in-throttle";
import { signUp, verifyCredentials, type Credentials } from "./users";

// The two ways a browser gets a session, both behind the sign-in throttle: every attempt is
// counted before the password is checked; a right one takes its attempt back.
export async function signIn(email: string, password: string, request: Request): Promise<{ id: string; email: string }> {
  const keys = throttleKeys(email, request);
  await countSignInAttempt(keys);
  const user = await verifyCredentials(email, password);
  await signInSucceeded(keys);
  return user;
}

export async function signUpOrSignIn(input: Credentials, request: Request): Promise<{ id: string; email: string }> {
  const keys = throttleKeys(input.email, request);
  await countSignInAttempt(keys);
  const { user } = await signUp(input);
  await signInSucceeded(keys);
  return user;
}

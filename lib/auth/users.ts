import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
  name: z.string().trim().max(100).optional(),
});

export type Credentials = z.infer<typeof credentialsSchema>;
type UserRef = { id: string; email: string };

export async function createUser(input: Credentials): Promise<UserRef> {
  const { email, password, name } = credentialsSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db().user.create({ data: { email, name, passwordHash }, select: { id: true, email: true } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw signUpRefused();
    throw error;
  }
}

// Says neither "exists" nor "free": see signUp.
function signUpRefused(): AppError {
  return new AppError({ code: "conflict", message: "Could not create an account with this email and password. If the account is yours, sign in." });
}

// Same parameters as a real hash, so "no such user" costs what "wrong password" does.
const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`;

async function findWithHash(email: string) {
  return db().user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
}

// A hash made with older, weaker parameters is replaced once the password is known to be right.
async function upgradeHash(userId: string, password: string, stored: string): Promise<void> {
  if (!needsRehash(stored)) return;
  await db().user.updateMany({ where: { id: userId, passwordHash: stored }, data: { passwordHash: await hashPassword(password) } });
}

export async function verifyCredentials(emailInput: string, password: string): Promise<UserRef> {
  const email = emailInput.trim().toLowerCase();
  const user = await findWithHash(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError({ code: "unauthorized", message: "Wrong email or password" });
  await upgradeHash(user.id, password, user.passwordHash);
  return { id: user.id, email: user.email };
}

/**
 * Sign-up that does not announce which emails have accounts. A new email gets an account; an
 * existing email with its right password is signed in (it is the owner; the answer is the same
 * 201 {user} either way); an existing email with another password gets one generic refusal that
 * names no reason. Each path costs one scrypt, so timing tells nothing either. What no design
 * without email verification can hide: a refused sign-up means the email is taken. So the
 * refusals are counted by the sign-in throttle (per account and per address), which bounds
 * probing the way it bounds password guessing (docs in SECURITY.md).
 */
export async function signUp(input: Credentials): Promise<{ user: UserRef; created: boolean }> {
  const { email, password } = credentialsSchema.parse(input);
  const existing = await findWithHash(email);
  if (existing) {
    if (!(await verifyPassword(password, existing.passwordHash))) throw signUpRefused();
    await upgradeHash(existing.id, password, existing.passwordHash);
    return { user: { id: existing.id, email: existing.email }, created: false };
  }
  return { user: await createUser(input), created: true };
}

export async function findUserByEmail(email: string): Promise<UserRef | null> {
  return db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
}

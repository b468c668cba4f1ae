import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { hashPassword, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
  name: z.string().trim().max(100).optional(),
});

export type Credentials = z.infer<typeof credentialsSchema>;

export async function createUser(input: Credentials): Promise<{ id: string; email: string }> {
  const { email, password, name } = credentialsSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db().user.create({ data: { email, name, passwordHash }, select: { id: true, email: true } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError({ code: "conflict", message: `An account for ${email} already exists` });
    }
    throw error;
  }
}

// Same answer and similar time for "no such user" and "wrong password".
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$" + "A".repeat(86);

export async function verifyCredentials(emailInput: string, password: string): Promise<{ id: string; email: string }> {
  const email = emailInput.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError({ code: "unauthorized", message: "Wrong email or password" });
  return { id: user.id, email: user.email };
}

export async function findUserByEmail(email: string): Promise<{ id: string; email: string } | null> {
  return db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
}

import { SignOutButton } from "@/components/auth/sign-out-button";

export function AccountSection({ email }: { email: string }) {
  return (
    <section aria-labelledby="account-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:p-5">
      <h2 id="account-heading" className="text-base font-semibold text-gray-900">
        Account
      </h2>
      <dl className="mt-3 text-sm">
        <dt className="text-xs text-gray-500">Email</dt>
        <dd className="mt-0.5 break-all font-medium text-gray-900">{email}</dd>
      </dl>
      <div className="mt-4 border-t border-gray-100 pt-3">
        <SignOutButton />
      </div>
    </section>
  );
}

"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ConnectionIndicator } from "./connection-indicator";
import { Logo } from "./logo";

const LINKS = [
  { href: "/executions", label: "Executions" },
  { href: "/workflows", label: "Workflows" },
  { href: "/settings", label: "Settings" },
] as const;

export function AppNav({ email }: { email: string }) {
  const pathname = usePathname();
  return (
    <header className="border-b border-gray-200 bg-white">
      {/* Phones: two rows (logo · status · sign out / links; the email is in Settings); sm+: one row. */}
      <div className="mx-auto grid max-w-6xl grid-cols-[auto_1fr_auto] items-center gap-x-4 gap-y-2 px-4 py-3 sm:flex sm:gap-x-6 sm:px-6">
        <div className="order-1 sm:order-none">
          <Logo href="/executions" />
        </div>
        <nav aria-label="Main" className="order-4 col-span-3 -mx-1 overflow-x-auto sm:order-none sm:mx-0">
          <ul className="flex gap-1">
            {LINKS.map((link) => {
              const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-gray-100 text-gray-900" : "text-gray-600 hover:bg-gray-50 hover:text-gray-900"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="order-2 justify-self-end sm:order-none sm:ml-auto">
          <ConnectionIndicator />
        </div>
        <span className="hidden min-w-0 truncate text-sm text-gray-600 sm:order-none sm:block sm:max-w-[16rem]" title={email}>
          {email}
        </span>
        <div className="order-3 sm:order-none">
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

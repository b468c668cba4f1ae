import Link from "next/link";

export function LogoMark({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="7" fill="#111827" />
      <path d="M9 8v16M9 16h9a5 5 0 0 0 0-10" fill="none" stroke="#60a5fa" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="23" cy="24" r="3" fill="#34d399" />
    </svg>
  );
}

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-base font-semibold tracking-tight text-gray-900">
      <LogoMark />
      Hookflow
    </Link>
  );
}

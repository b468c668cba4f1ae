import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-gray-600">There is nothing at this address.</p>
      <Link href="/executions" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Go to executions
      </Link>
    </main>
  );
}

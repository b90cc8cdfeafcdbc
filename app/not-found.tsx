import Link from 'next/link';

/** Shown with status 404 for an unknown address: the framework's default page has no main landmark. */
export default function NotFound() {
  return (
    <main className="p-6">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2">There is no page at this address.</p>
      <p className="mt-2">
        <Link href="/">Back to the dashboard</Link>
      </p>
    </main>
  );
}

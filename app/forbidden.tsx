import Link from 'next/link';

/** Shown with status 403 when a signed-in user lacks the role a page needs. */
export default function Forbidden() {
  return (
    <main className="p-6">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2">Your account does not have the role this page needs. Ask an admin if you should have access.</p>
      <p className="mt-2">
        <Link href="/">Back to the dashboard</Link>
      </p>
    </main>
  );
}

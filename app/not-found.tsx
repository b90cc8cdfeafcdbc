import Link from 'next/link';

/** Shown with status 404 for an unknown address: the framework's default page has no main landmark. */
export default function NotFound() {
  return (
    <main className="fw-page fw-page-narrow">
      <div className="fw-card fw-form">
        <h1 className="fw-page-title">Page not found</h1>
        <p>There is no page at this address.</p>
        <p>
          <Link href="/" className="fw-button">
            Back to the dashboard
          </Link>
        </p>
      </div>
    </main>
  );
}

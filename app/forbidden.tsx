import Link from 'next/link';

/** Shown with status 403 when a signed-in user lacks the role a page needs. */
export default function Forbidden() {
  return (
    <main className="fw-page fw-page-narrow">
      <div className="fw-card fw-form">
        <h1 className="fw-page-title">Not allowed</h1>
        <p>Your account does not have the role this page needs. Ask an admin if you should have access.</p>
        <p>
          <Link href="/" className="fw-button">
            Back to the dashboard
          </Link>
        </p>
      </div>
    </main>
  );
}

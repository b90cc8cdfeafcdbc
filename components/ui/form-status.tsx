import type { ReactNode } from 'react';

/**
 * A form's answer under its fields: what went wrong (an alert, read out at once) or what was done
 * (a status line). One component so every admin form says it the same way.
 */
export function FormStatus({ error, notice, noticeTestId }: { error?: string; notice?: ReactNode; noticeTestId?: string }) {
  return (
    <>
      {error && (
        <p role="alert" className="fw-error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="fw-notice" data-testid={noticeTestId}>
          {notice}
        </p>
      )}
    </>
  );
}

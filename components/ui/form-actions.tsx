/**
 * The submit/cancel row every create-or-edit form ends with: the primary action names what it
 * does ("Add site", "Save rule"), Cancel appears only while an existing item is being edited.
 */
export function FormActions({
  submitLabel,
  busy,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  submitLabel: string;
  busy?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  return (
    <div className="fw-form-actions">
      <button type="submit" className="fw-button fw-button-primary" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="fw-button" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}

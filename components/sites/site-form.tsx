'use client';
import { FormActions } from '@/components/ui/form-actions';
import { useId } from 'react';
import { SITE_KIND_VALUES } from '@/lib/alerts/api-schemas';
import { SITE_KIND_LABELS, type FieldErrors, type SiteFormState } from './site-model';

/**
 * Add or edit one site. Coordinates are typed (decimal degrees) or filled by a click on the map
 * beside the form; each error is shown under its field and tied to it with aria-describedby.
 */
export function SiteForm(props: {
  value: SiteFormState;
  errors: FieldErrors;
  editing: boolean;
  busy: boolean;
  onChange: (patch: Partial<SiteFormState>) => void;
  onSubmit: () => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const { value: f, errors } = props;
  const field = (key: keyof SiteFormState, label: string, input: React.ReactNode) => (
    <div className="fw-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {errors[key] && (
        <span id={`${id}-${key}-error`} className="fw-field-error">
          {label}: {errors[key]}
        </span>
      )}
    </div>
  );
  const described = (key: keyof SiteFormState) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  return (
    <form
      className="fw-form fw-card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <fieldset disabled={props.busy}>
        <legend>{props.editing ? 'Edit site' : 'Add a site'}</legend>
        <p className="fw-muted">Type the coordinates in decimal degrees, or click the map to fill them.</p>
        <div className="fw-row">
          {field(
            'name',
            'Name',
            <input {...described('name')} maxLength={120} value={f.name} onChange={(e) => props.onChange({ name: e.target.value })} />,
          )}
          {field(
            'kind',
            'Kind',
            <select
              {...described('kind')}
              value={f.kind}
              onChange={(e) => props.onChange({ kind: e.target.value as SiteFormState['kind'] })}
            >
              {SITE_KIND_VALUES.map((k) => (
                <option key={k} value={k}>
                  {SITE_KIND_LABELS[k]}
                </option>
              ))}
            </select>,
          )}
        </div>
        <div className="fw-row">
          {field(
            'lat',
            'Latitude',
            <input
              {...described('lat')}
              inputMode="decimal"
              placeholder="34.1126"
              value={f.lat}
              onChange={(e) => props.onChange({ lat: e.target.value })}
            />,
          )}
          {field(
            'lon',
            'Longitude',
            <input
              {...described('lon')}
              inputMode="decimal"
              placeholder="71.0936"
              value={f.lon}
              onChange={(e) => props.onChange({ lon: e.target.value })}
            />,
          )}
        </div>
        {field(
          'notes',
          'Notes (optional)',
          <input {...described('notes')} maxLength={1000} value={f.notes} onChange={(e) => props.onChange({ notes: e.target.value })} />,
        )}
        {errors.form && (
          <p role="alert" className="fw-field-error">
            {errors.form}
          </p>
        )}
        <FormActions submitLabel={props.editing ? 'Save site' : 'Add site'} onCancel={props.onCancel} />
      </fieldset>
    </form>
  );
}

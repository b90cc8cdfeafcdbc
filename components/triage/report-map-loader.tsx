'use client';
import dynamic from 'next/dynamic';
import type { ReportMapProps } from './report-map';

// Leaflet touches `window`: loaded in the browser only, after the report's text is on screen.
const ReportMap = dynamic(() => import('./report-map'), {
  ssr: false,
  loading: () => (
    <div className="fw-triage-map-empty" role="status">
      Loading map…
    </div>
  ),
});

/** The draft's place, or a note saying the text named none. */
export function ReportMapLoader(props: Omit<ReportMapProps, 'lat' | 'lon'> & { lat: number | null; lon: number | null }) {
  const { lat, lon, ...rest } = props;
  return (
    <figure className="fw-triage-map" data-testid="report-map" aria-label={`Map of the draft's place: ${rest.label}`}>
      {lat === null || lon === null ? (
        <p className="fw-triage-map-empty">No place found in the text: pick one in the draft below.</p>
      ) : (
        <ReportMap lat={lat} lon={lon} {...rest} />
      )}
    </figure>
  );
}

'use client';
import { usePathname, useRouter } from 'next/navigation';
import { weeklySearch } from '@/lib/reports/search';

interface Option {
  id: string;
  name: string;
}

function FilterSelect({
  label,
  all,
  plural,
  options,
  current,
  onChange,
}: {
  label: string;
  all: string;
  plural: string;
  options: Option[];
  current: string[];
  onChange: (v: string[]) => void;
}) {
  const value = current.length ? current.join(',') : '';
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value ? e.target.value.split(',') : [])}>
        <option value="">{all}</option>
        {current.length > 1 && <option value={value}>{`${current.length} ${plural}`}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The `source` filter's datasets; an incident merged from two datasets counts under both. */
const DATASETS: Option[] = [
  { id: 'acled', name: 'ACLED' },
  { id: 'ucdp', name: 'UCDP GED' },
  { id: 'gtd', name: 'GTD' },
  { id: 'report', name: 'Reports (triage)' },
  { id: 'api', name: 'API / native CSV' },
  { id: 'demo', name: 'Demo' },
];

/** Group, region and dataset narrowing; the URL owns the state so links, reloads and exports agree. */
export function ReportFilters({
  groups,
  regions,
  group,
  region,
  source = [],
}: {
  groups: Option[];
  regions: Option[];
  group: string[];
  region: string[];
  source?: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (next: { group: string[]; region: string[]; source?: string[] }) =>
    router.push(`${pathname}${weeklySearch({ source, ...next })}`);
  return (
    <form className="report-filters no-print" aria-label="Narrow the report" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Group"
        all="All groups"
        plural="groups"
        options={groups}
        current={group}
        onChange={(g) => go({ group: g, region })}
      />
      <FilterSelect
        label="Region"
        all="All regions"
        plural="regions"
        options={regions}
        current={region}
        onChange={(r) => go({ group, region: r })}
      />
      <FilterSelect
        label="Dataset"
        all="All datasets"
        plural="datasets"
        options={DATASETS}
        current={source}
        onChange={(s) => go({ group, region, source: s })}
      />
      {(group.length > 0 || region.length > 0 || source.length > 0) && (
        <button type="button" onClick={() => go({ group: [], region: [], source: [] })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

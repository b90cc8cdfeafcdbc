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

/** Group and region narrowing; the URL owns the state so links, reloads and exports agree. */
export function ReportFilters({
  groups,
  regions,
  group,
  region,
}: {
  groups: Option[];
  regions: Option[];
  group: string[];
  region: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (next: { group: string[]; region: string[] }) => router.push(`${pathname}${weeklySearch(next)}`);
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
      {(group.length > 0 || region.length > 0) && (
        <button type="button" onClick={() => go({ group: [], region: [] })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

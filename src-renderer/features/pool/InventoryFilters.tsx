import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { ASSET_KIND_LABELS, CONVERSION_STATE_LABELS, POOL_GRADE_LABELS } from '../../../src-main/contract/labels'
import { CONVERSION_STATES, POOL_GRADES, type ConversionState, type GradeFilter, type InventoryFilters, type PatentKind, type PoolFacets } from '../../../src-main/contract/pool'
import { POOL_TEXT as T } from './text'

const KINDS: PatentKind[] = ['invention', 'utility', 'design']

function ipcData(facets: PoolFacets | undefined) {
  if (!facets) return []
  const sections = facets.ipc.filter((e) => e.level === 'section')
  return sections.map((s) => ({
    group: `${s.code} ${s.title}`,
    items: [
      { value: s.code, label: `${s.code} ${s.title}（整部）` },
      ...facets.ipc.filter((e) => e.level === 'class' && e.section === s.code).map((c) => ({ value: c.code, label: `${c.code} ${c.title}` })),
    ],
  }))
}

function boolValue(v: boolean | undefined): string | null {
  return v === undefined ? null : v ? 'yes' : 'no'
}

function parseBool(v: string | null): boolean | undefined {
  return v === 'yes' ? true : v === 'no' ? false : undefined
}

/** The inventory's filter bar: every value change gives a fresh filter object. */
export function InventoryFiltersBar({
  value,
  q,
  onQ,
  onChange,
  facets,
}: {
  value: InventoryFilters
  q: string
  onQ: (q: string) => void
  onChange: (next: InventoryFilters) => void
  facets: PoolFacets | undefined
}) {
  const set = (patch: Partial<InventoryFilters>) => {
    const next: InventoryFilters = { ...value, ...patch }
    for (const key of Object.keys(next) as (keyof InventoryFilters)[]) {
      const v = next[key]
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete next[key]
    }
    onChange(next)
  }
  const any = q !== '' || Object.keys(value).some((k) => k !== 'q')
  return (
    <Group gap="xs" align="flex-end" data-testid="pool-filters">
      <TextInput leftSection={<IconSearch size={16} />} placeholder={T.filters.q} aria-label={T.filters.q} value={q} onChange={(e) => onQ(e.currentTarget.value)} w={220} />
      <Select
        aria-label={T.filters.college}
        placeholder={T.filters.college}
        searchable
        clearable
        data={facets?.colleges ?? []}
        value={value.college ?? null}
        onChange={(v) => set({ college: v ?? undefined })}
        w={180}
      />
      <Select
        aria-label={T.filters.discipline}
        placeholder={T.filters.discipline}
        searchable
        clearable
        data={(facets?.disciplines ?? []).map((d) => ({ value: d.code, label: d.code.length === 2 ? `${d.code} ${d.name}（门类）` : `${d.code} ${d.name}` }))}
        value={value.discipline ?? null}
        onChange={(v) => set({ discipline: v ?? undefined })}
        w={200}
      />
      <Select
        aria-label={T.filters.ipc}
        placeholder={T.filters.ipc}
        searchable
        clearable
        data={ipcData(facets)}
        value={value.ipc ?? null}
        onChange={(v) => set({ ipc: v ?? undefined })}
        w={220}
        comboboxProps={{ width: 420 }}
      />
      <MultiSelect
        aria-label={T.filters.kinds}
        placeholder={value.kinds?.length ? undefined : T.filters.kinds}
        data={KINDS.map((k) => ({ value: k, label: ASSET_KIND_LABELS[k] }))}
        value={value.kinds ?? []}
        onChange={(v) => set({ kinds: v as PatentKind[] })}
        w={170}
      />
      <MultiSelect
        aria-label={T.filters.grades}
        placeholder={value.grades?.length ? undefined : T.filters.grades}
        data={[...POOL_GRADES.map((g) => ({ value: g, label: `${g} ${POOL_GRADE_LABELS[g]}` })), { value: 'none', label: T.filters.ungraded }]}
        value={value.grades ?? []}
        onChange={(v) => set({ grades: v as GradeFilter[] })}
        w={190}
      />
      <MultiSelect
        aria-label={T.filters.states}
        placeholder={value.states?.length ? undefined : T.filters.states}
        data={CONVERSION_STATES.map((s) => ({ value: s, label: CONVERSION_STATE_LABELS[s] }))}
        value={value.states ?? []}
        onChange={(v) => set({ states: v as ConversionState[] })}
        w={190}
      />
      <Select
        aria-label={T.filters.fiscal}
        placeholder={T.filters.fiscal}
        clearable
        data={[
          { value: 'yes', label: T.filters.fiscalYes },
          { value: 'no', label: T.filters.fiscalNo },
        ]}
        value={boolValue(value.fiscalFunded)}
        onChange={(v) => set({ fiscalFunded: parseBool(v) })}
        w={130}
      />
      <Select
        aria-label={T.filters.inPool}
        placeholder={T.filters.inPool}
        clearable
        data={[
          { value: 'yes', label: T.filters.inPoolYes },
          { value: 'no', label: T.filters.inPoolNo },
        ]}
        value={boolValue(value.inPool)}
        onChange={(v) => set({ inPool: parseBool(v) })}
        w={110}
      />
      {any && (
        <Button
          variant="subtle"
          onClick={() => {
            onQ('')
            onChange({})
          }}
        >
          {T.filters.clear}
        </Button>
      )}
    </Group>
  )
}

import { Combobox, Loader, Pill, Stack, TextInput, useCombobox } from '@mantine/core'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ResearcherSummary } from '../../../src-main/contract/archive'
import { api } from '../../api/client'
import { AssetPicker } from '../../components/AssetPicker'
import { ResearcherOption, ResearcherPicker } from '../../components/ResearcherPicker'
import type { LinkedAsset, LinkedResearcher } from './form'
import { SERVICES_TEXT } from './text'

// Pickers of the entry form. Links use the archive's shared ResearcherPicker and AssetPicker. The
// requester needs one thing those do not do: keep free text (an outsider's name) when no researcher is
// picked, so it is its own type-ahead over the same channel ('researchers:search': name, 工号 or pinyin
// initials) showing the same option rows.

const T = SERVICES_TEXT.entry

/** Debounced search: the latest answer for the latest text wins. */
function useSearch<T>(text: string, search: (q: string) => Promise<T[]>, enabled: boolean): { items: T[]; loading: boolean } {
  const [state, setState] = useState<{ q: string; items: T[] }>({ q: '', items: [] })
  const searchRef = useRef(search)
  useEffect(() => {
    searchRef.current = search
  })
  const q = text.trim()
  useEffect(() => {
    if (!enabled || q === '') return
    let live = true
    const timer = setTimeout(() => {
      searchRef.current(q).then(
        (items) => live && setState({ q, items }),
        () => live && setState({ q, items: [] }),
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q, enabled])
  if (!enabled || q === '') return { items: [], loading: false }
  // While a new answer is on its way the previous list stays, so the dropdown does not flicker.
  return { items: state.items, loading: state.q !== q }
}

export function searchResearchers(q: string): Promise<ResearcherSummary[]> {
  return api.call('researchers:search', { q, limit: 8 }).then((r) => r.items)
}

interface RequesterProps {
  label: string
  name: string
  researcherId: number | null
  staffNo: string
  error?: ReactNode
  autoFocus?: boolean
  /** The librarian typed: the requester is an outsider until a researcher is picked. */
  onType: (name: string) => void
  onPick: (researcher: ResearcherSummary) => void
}

/** 咨询人: a researcher from the roster (type-ahead), or an outsider typed in. */
export function RequesterInput({ label, name, researcherId, staffNo, error, autoFocus, onType, onPick }: RequesterProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  const [typing, setTyping] = useState(false)
  const { items, loading } = useSearch(name, searchResearchers, typing && researcherId === null)
  const description = researcherId !== null ? T.linked(staffNo) : name.trim() !== '' && !loading && typing ? T.outsider : T.requesterHint
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        const picked = items.find((r) => String(r.id) === value)
        if (picked) onPick(picked)
        setTyping(false)
        combobox.closeDropdown()
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          value={name}
          error={error}
          data-autofocus={autoFocus || undefined}
          autoFocus={autoFocus}
          data-testid="requester-input"
          rightSection={loading ? <Loader size="xs" /> : null}
          onChange={(event) => {
            onType(event.currentTarget.value)
            setTyping(true)
            combobox.openDropdown()
            combobox.resetSelectedOption()
          }}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0}>
        <Combobox.Options>
          {items.map((r) => (
            <Combobox.Option value={String(r.id)} key={r.id}>
              <ResearcherOption researcher={r} />
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  )
}

/** Several linked records: a shared single picker to add one more (it starts afresh after each pick), pills to remove. */
function LinkList<T extends { id: number }>({
  value,
  onChange,
  pillLabel,
  error,
  picker,
}: {
  value: T[]
  onChange: (value: T[]) => void
  pillLabel: (item: T) => string
  error?: ReactNode
  picker: (props: { key: number; onAdd: (item: T | null) => void; autoFocus: boolean; error?: ReactNode }) => ReactNode
}) {
  const [added, setAdded] = useState(0)
  return (
    <Stack gap={6}>
      {picker({
        key: added,
        autoFocus: added > 0,
        error,
        onAdd: (item) => {
          if (item && !value.some((v) => v.id === item.id)) onChange([...value, item])
          setAdded((n) => n + 1)
        },
      })}
      {value.length > 0 && (
        <Pill.Group>
          {value.map((item) => (
            <Pill key={item.id} withRemoveButton onRemove={() => onChange(value.filter((v) => v.id !== item.id))} removeButtonProps={{ 'aria-label': `移除 ${pillLabel(item)}` }}>
              {pillLabel(item)}
            </Pill>
          ))}
        </Pill.Group>
      )}
    </Stack>
  )
}

export function ResearcherLinks(props: { value: LinkedResearcher[]; onChange: (v: LinkedResearcher[]) => void; error?: ReactNode }) {
  return (
    <LinkList<LinkedResearcher>
      {...props}
      pillLabel={(r) => `${r.name}（${r.staffNo}）`}
      picker={({ key, onAdd, autoFocus, error }) => (
        <ResearcherPicker
          key={key}
          value={null}
          label={T.linkResearchers}
          error={error}
          autoFocus={autoFocus}
          data-testid="link-researchers"
          onChange={(_id, r) => onAdd(r ? { id: r.id, name: r.name, staffNo: r.staffNo, college: r.college } : null)}
        />
      )}
    />
  )
}

export function AssetLinks(props: { value: LinkedAsset[]; onChange: (v: LinkedAsset[]) => void; error?: ReactNode }) {
  return (
    <LinkList<LinkedAsset>
      {...props}
      pillLabel={(a) => `${a.appNo} ${a.title.length > 14 ? `${a.title.slice(0, 14)}…` : a.title}`}
      picker={({ key, onAdd, autoFocus, error }) => (
        <AssetPicker
          key={key}
          value={null}
          label={T.linkAssets}
          error={error}
          autoFocus={autoFocus}
          data-testid="link-assets"
          onChange={(_id, a) => onAdd(a ? { id: a.id, kind: a.kind, appNo: a.appNo, title: a.title } : null)}
        />
      )}
    />
  )
}

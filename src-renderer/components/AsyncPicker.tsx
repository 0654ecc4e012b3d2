import { CloseButton, Combobox, Loader, ScrollArea, Text, TextInput, useCombobox } from '@mantine/core'
import { useEffect, useRef, useState, type ReactNode } from 'react'

// A keyboard-friendly type-ahead that picks one record by id from a search channel. Type → the list
// follows (debounced; the newest answer wins); ↑/↓ move; Enter takes the highlighted row; Esc closes;
// leaving the field restores the chosen record's label. ResearcherPicker, AssetPicker and ProjectPicker
// are thin wrappers around it.

export interface AsyncPickerProps<T> {
  value: number | null
  onChange: (id: number | null, item: T | null) => void
  /** Searches for the typed text (trimmed, non-empty unless `searchEmpty`). */
  search: (q: string) => Promise<T[]>
  /** Loads the record for a value set from outside (to show its label). */
  load: (id: number) => Promise<T | null>
  idOf: (item: T) => number
  /** One line in the input once chosen. */
  labelOf: (item: T) => string
  /** A row of the dropdown. */
  renderOption: (item: T) => ReactNode
  label?: ReactNode
  description?: ReactNode
  placeholder?: string
  error?: ReactNode
  required?: boolean
  disabled?: boolean
  clearable?: boolean
  /** Also search when the field is empty (shows the first rows on focus). */
  searchEmpty?: boolean
  nothingFound?: string
  autoFocus?: boolean
  'data-autofocus'?: boolean
  'data-testid'?: string
  'aria-label'?: string
  size?: 'xs' | 'sm' | 'md'
  w?: number | string
}

export function AsyncPicker<T>(props: AsyncPickerProps<T>) {
  const { value, onChange, search, load, idOf, labelOf, renderOption } = props
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  const [selected, setSelected] = useState<T | null>(null)
  const [text, setText] = useState('')
  const [typing, setTyping] = useState(false)
  const [result, setResult] = useState<{ q: string; items: T[] }>({ q: '\u0000', items: [] })
  const searchRef = useRef(search)
  const loadRef = useRef(load)
  useEffect(() => {
    searchRef.current = search
    loadRef.current = load
  })

  // A value set from outside: show its label. Cleared from outside: empty the field (during render,
  // React's pattern for state derived from a prop).
  const selectedId = selected ? idOf(selected) : null
  const [prevValue, setPrevValue] = useState<number | null>(value)
  if (value !== prevValue) {
    setPrevValue(value)
    if (value === null && selected !== null) {
      setSelected(null)
      setText('')
    }
  }
  useEffect(() => {
    if (value === null || value === selectedId) return
    let live = true
    loadRef.current(value).then(
      (item) => {
        if (!live) return
        setSelected(item)
        setText(item ? labelOf(item) : '')
      },
      () => {},
    )
    return () => {
      live = false
    }
  }, [value, selectedId, labelOf])

  const q = text.trim()
  const shouldSearch = typing && (q !== '' || props.searchEmpty === true)
  useEffect(() => {
    if (!shouldSearch) return
    let live = true
    const timer = setTimeout(() => {
      searchRef.current(q).then(
        (items) => live && setResult({ q, items }),
        () => live && setResult({ q, items: [] }),
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q, shouldSearch])

  const items = shouldSearch ? result.items : []
  const loading = shouldSearch && result.q !== q
  useEffect(() => {
    // Keep the first row highlighted as answers arrive, so Enter takes the best match.
    if (items.length) combobox.selectFirstOption()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items])

  const choose = (item: T | null) => {
    setSelected(item)
    setText(item ? labelOf(item) : '')
    setTyping(false)
    combobox.closeDropdown()
    onChange(item ? idOf(item) : null, item)
  }

  const options = items.map((item) => (
    <Combobox.Option value={String(idOf(item))} key={idOf(item)}>
      {renderOption(item)}
    </Combobox.Option>
  ))

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(id) => {
        const item = items.find((i) => String(idOf(i)) === id)
        if (item) choose(item)
      }}
    >
      <Combobox.Target>
        <TextInput
          label={props.label}
          description={props.description}
          placeholder={props.placeholder}
          error={props.error}
          required={props.required}
          disabled={props.disabled}
          autoFocus={props.autoFocus}
          data-autofocus={props['data-autofocus']}
          data-testid={props['data-testid']}
          aria-label={props['aria-label']}
          size={props.size}
          w={props.w}
          value={text}
          autoComplete="off"
          onChange={(event) => {
            setText(event.currentTarget.value)
            setTyping(true)
            combobox.openDropdown()
          }}
          onFocus={() => {
            if (props.searchEmpty) {
              setTyping(true)
              combobox.openDropdown()
            }
          }}
          onClick={() => typing && combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown()
            setTyping(false)
            setText(selected ? labelOf(selected) : '')
          }}
          rightSection={
            loading ? (
              <Loader size={16} />
            ) : props.clearable !== false && selected && !props.disabled ? (
              <CloseButton size="sm" aria-label="清除" onMouseDown={(e) => e.preventDefault()} onClick={() => choose(null)} />
            ) : null
          }
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!shouldSearch}>
        <Combobox.Options>
          <ScrollArea.Autosize mah={320} type="scroll">
            {options.length ? options : !loading && <Combobox.Empty>{props.nothingFound ?? '没有找到，请换个写法'}</Combobox.Empty>}
            {loading && !options.length && (
              <Text size="sm" c="dimmed" p="xs">
                正在查找…
              </Text>
            )}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  )
}

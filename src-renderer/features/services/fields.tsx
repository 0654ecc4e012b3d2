import { DateInput } from '@mantine/dates'
import type { ReactNode } from 'react'

/** A date held as 'YYYY-MM-DD' text, typed or picked; '' / null when empty. */
export function IsoDateInput({
  label,
  value,
  onChange,
  error,
  clearable,
  testId,
  placeholder,
}: {
  label: string
  value: string | null
  onChange: (value: string | null) => void
  error?: ReactNode
  clearable?: boolean
  testId?: string
  placeholder?: string
}) {
  return (
    <DateInput
      label={label}
      value={value && value !== '' ? value : null}
      onChange={(v) => onChange(v ?? null)}
      valueFormat="YYYY-MM-DD"
      placeholder={placeholder ?? 'YYYY-MM-DD'}
      clearable={clearable}
      error={error}
      data-testid={testId}
      popoverProps={{ withinPortal: true }}
    />
  )
}

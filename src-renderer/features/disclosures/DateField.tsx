import { DateInput } from '@mantine/dates'

/** A date typed or picked as YYYY-MM-DD ('' when empty), the way the period of a verification is kept. */
export function DateField({ label, description, value, onChange, testId, w }: { label: string; description?: string; value: string; onChange: (value: string) => void; testId?: string; w?: number }) {
  return (
    <DateInput
      label={label}
      description={description}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      clearable
      w={w}
      data-testid={testId}
      popoverProps={{ withinPortal: true }}
    />
  )
}

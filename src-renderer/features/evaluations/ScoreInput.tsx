import { Group, Tooltip, UnstyledButton } from '@mantine/core'
import type { KeyboardEvent } from 'react'
import type { TemplateIndicator } from '../../../src-main/contract/evaluations'
import classes from './ScoreInput.module.css'

const LEVELS = [1, 2, 3, 4, 5] as const

/**
 * A 1–5 score as one keyboard stop: digits set the score, ← → step it, Delete/Backspace/0 clear it.
 * Each level shows its anchor sentence on hover; the chosen level's sentence is shown by the caller.
 */
export function ScoreInput({ indicator, value, onChange, disabled }: { indicator: TemplateIndicator; value: number | null; onChange: (score: number | null) => void; disabled?: boolean }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || event.ctrlKey || event.metaKey || event.altKey) return
    const key = event.key
    let next: number | null | undefined
    if (/^[1-5]$/.test(key)) next = Number(key)
    else if (key === 'ArrowRight' || key === 'ArrowUp') next = Math.min(5, (value ?? 0) + 1)
    else if (key === 'ArrowLeft' || key === 'ArrowDown') next = value === null ? null : Math.max(1, value - 1)
    else if (key === 'Delete' || key === 'Backspace' || key === '0') next = null
    if (next === undefined) return
    event.preventDefault()
    if (next !== value) onChange(next)
  }
  return (
    <Group
      gap={4}
      wrap="nowrap"
      role="radiogroup"
      aria-label={indicator.name}
      aria-disabled={disabled || undefined}
      tabIndex={disabled ? -1 : 0}
      onKeyDown={onKeyDown}
      className={classes.group}
      data-testid={`score-${indicator.id}`}
    >
      {LEVELS.map((level) => (
        <Tooltip key={level} label={indicator.anchors[String(level) as '1' | '2' | '3' | '4' | '5']} multiline w={280} openDelay={400} withinPortal>
          <UnstyledButton
            role="radio"
            aria-checked={value === level}
            aria-label={`${level} 分`}
            tabIndex={-1}
            disabled={disabled}
            className={classes.level}
            data-active={value === level || undefined}
            onClick={() => onChange(value === level ? null : level)}
          >
            {level}
          </UnstyledButton>
        </Tooltip>
      ))}
    </Group>
  )
}

import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AppError } from '../contract/result'

/** Wrong command-line usage: exit code 2, usage text on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface CommandIo {
  out(text: string): void
  err(text: string): void
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
  io: CommandIo
}

export interface Command {
  /** One or more words: 'init', 'import patents'. */
  name: string
  summary: string
  /** Shown by --help and on usage errors, e.g. 'ipdesk init --db FILE'. */
  usage: string
  options: OptionSpec
  /** Returns the exit code: 0 success, 1 bad input (nothing changed). */
  run(parsed: ParsedCommand): Promise<number>
}

export function parseCommandArgs(command: Command, argv: string[]): Omit<ParsedCommand, 'io'> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as ParsedCommand['values'], positionals }
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

export function stringOption(parsed: ParsedCommand, name: string, required: true): string
export function stringOption(parsed: ParsedCommand, name: string, required?: false): string | undefined
export function stringOption(parsed: ParsedCommand, name: string, required = false): string | undefined {
  const value = parsed.values[name]
  if (typeof value === 'string' && value.length) return value
  if (required) throw new UsageError(`缺少参数 --${name}`)
  return undefined
}

export function intOption(parsed: ParsedCommand, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const raw = stringOption(parsed, name)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min}–${max} 之间的整数，而不是“${raw}”`)
  return n
}

export function printJson(io: CommandIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2))
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

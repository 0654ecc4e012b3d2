// The shape every call returns across a process boundary. Handlers throw AppError; the one
// wrapper in src-main/ipc turns that into a Result, so no transport ever leaks a raw exception.

export const ERROR_CODES = [
  'invalid_input', // the caller's payload did not match the contract
  'not_found',
  'conflict', // a uniqueness or state rule refused the change
  'refused', // a file or request was refused as a whole (nothing was written)
  'cancelled',
  'forbidden', // sender or token check failed
  'unsupported', // the channel exists but not on this transport (e.g. native dialogs on the web host)
  'db_too_new', // the archive was written by a newer IPDesk
  'db_corrupt',
  'io',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorPayload {
  code: ErrorCode
  /** Chinese, for the user: what happened and what to do next. */
  message: string
  /** Optional structured detail (e.g. per-row problems of an import). */
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isAppErrorPayload(value: unknown): value is AppErrorPayload {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message === 'string'
}

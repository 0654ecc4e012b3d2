import {
  serviceSaveInput,
  type RequesterTypeCode,
  type ServiceChannelCode,
  type ServiceKindCode,
  type ServiceOptions,
  type ServiceRecord,
  type ServiceSaveInput,
} from '../../../src-main/contract/services'

// The entry form's values (what Mantine's inputs hold) and their way to the contract: the form is
// validated with the contract's own zod schema (serviceSaveInput), so the form and main agree on what a
// valid record is.

export interface LinkedResearcher {
  id: number
  name: string
  staffNo: string
  college: string
}
export interface LinkedAsset {
  id: number
  kind: string
  appNo: string
  title: string
}

export interface EntryValues {
  kind: ServiceKindCode
  date: string
  channel: ServiceChannelCode | null
  requesterName: string
  requesterResearcherId: number | null
  requesterStaffNo: string
  requesterType: RequesterTypeCode | null
  college: string
  topic: string
  tags: string[]
  question: string
  answer: string
  staff: string
  durationMin: number | string
  followUpDate: string | null
  followUpDone: boolean
  title: string
  audience: string
  attendees: number | string
  hours: number | string
  organiser: string
  reportKind: string
  deliveredDate: string | null
  pages: number | string
  team: string
  startDate: string | null
  endDate: string | null
  researchers: LinkedResearcher[]
  assets: LinkedAsset[]
}

export function emptyValues(options: ServiceOptions | undefined, kind: ServiceKindCode = 'consultation'): EntryValues {
  return {
    kind,
    date: options?.today ?? '',
    channel: kind === 'training' ? 'event' : (options?.lastChannel ?? 'window'),
    requesterName: '',
    requesterResearcherId: null,
    requesterStaffNo: '',
    requesterType: null,
    college: '',
    topic: '',
    tags: [],
    question: '',
    answer: '',
    staff: options?.operator ?? '',
    durationMin: '',
    followUpDate: null,
    followUpDone: false,
    title: '',
    audience: '',
    attendees: '',
    hours: '',
    organiser: '',
    reportKind: '',
    deliveredDate: null,
    pages: '',
    team: '',
    startDate: null,
    endDate: null,
    researchers: [],
    assets: [],
  }
}

export function valuesFromRecord(r: ServiceRecord): EntryValues {
  const num = (n: number | null) => (n === null ? '' : n)
  return {
    kind: r.kind,
    date: r.date,
    channel: r.channel,
    requesterName: r.requesterName,
    requesterResearcherId: r.requesterResearcherId,
    requesterStaffNo: r.requesterStaffNo ?? '',
    requesterType: r.requesterType,
    college: r.college,
    topic: r.topic,
    tags: r.tags,
    question: r.question,
    answer: r.answer,
    staff: r.staff,
    durationMin: num(r.durationMin),
    followUpDate: r.followUpDate,
    followUpDone: r.followUpDone,
    title: r.title,
    audience: r.audience,
    attendees: num(r.attendees),
    hours: num(r.hours),
    organiser: r.organiser,
    reportKind: r.reportKind,
    deliveredDate: r.deliveredDate,
    pages: num(r.pages),
    team: r.team,
    startDate: r.startDate,
    endDate: r.endDate,
    researchers: r.researchers,
    assets: r.assets,
  }
}

/** NumberInput holds '' when empty; a typed '12.' is a string too. */
function numberOrNull(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  const t = v.trim()
  return t === '' ? null : Number(t)
}
const dateOrNull = (v: string | null) => (v && v.trim() !== '' ? v : null)

export function toSaveInput(v: EntryValues, extra: { id?: number; draftSlot?: 'new' | `edit-${number}` } = {}): ServiceSaveInput {
  return {
    ...extra,
    kind: v.kind,
    date: v.date,
    channel: v.channel,
    requesterType: v.requesterType,
    requesterName: v.requesterName,
    requesterResearcherId: v.requesterResearcherId,
    college: v.college,
    topic: v.topic,
    tags: v.tags,
    question: v.question,
    answer: v.answer,
    staff: v.staff,
    durationMin: numberOrNull(v.durationMin),
    followUpDate: dateOrNull(v.followUpDate),
    followUpDone: v.followUpDone,
    title: v.title,
    audience: v.audience,
    attendees: numberOrNull(v.attendees),
    hours: numberOrNull(v.hours),
    organiser: v.organiser,
    reportKind: v.reportKind,
    deliveredDate: dateOrNull(v.deliveredDate),
    pages: numberOrNull(v.pages),
    team: v.team,
    startDate: dateOrNull(v.startDate),
    endDate: dateOrNull(v.endDate),
    researcherIds: v.researchers.map((r) => r.id),
    assetIds: v.assets.map((a) => a.id),
  }
}

const FORM_PATH: Partial<Record<string, keyof EntryValues>> = { researcherIds: 'researchers', assetIds: 'assets' }

/** Mantine form errors from the contract's schema: one Chinese message per field. */
export function validateEntry(values: EntryValues): Record<string, string> {
  const parsed = serviceSaveInput.safeParse(toSaveInput(values))
  if (parsed.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'date')
    const path = FORM_PATH[key] ?? key
    errors[path] ??= issue.message
  }
  return errors
}

/** A draft is only worth keeping when something was typed beyond the defaults. */
export function hasContent(v: EntryValues): boolean {
  return (
    v.requesterName.trim() !== '' ||
    v.question.trim() !== '' ||
    v.answer.trim() !== '' ||
    v.title.trim() !== '' ||
    v.tags.length > 0 ||
    v.researchers.length > 0 ||
    v.assets.length > 0
  )
}

/** Restore a stored draft over fresh defaults, ignoring anything that does not fit (an older shape). */
export function restoreDraft(payload: string, defaults: EntryValues): EntryValues | null {
  try {
    const data: unknown = JSON.parse(payload)
    if (!data || typeof data !== 'object') return null
    const out: Record<string, unknown> = { ...defaults }
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (!(key in defaults)) continue
      const expected = defaults[key as keyof EntryValues]
      const fits = Array.isArray(expected)
        ? Array.isArray(value)
        : value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      if (fits) out[key] = value
    }
    return out as unknown as EntryValues
  } catch {
    return null
  }
}

import { useCallback, useEffect, useRef, useState } from 'react'
import type { Evaluation, EvaluationFields, TemplateRecord } from '../../../src-main/contract/evaluations'
import { api, ApiError } from '../../api/client'
import { notifyError, notifySuccess } from '../../components/errors'
import { EVAL_TEXT } from './text'

// Autosave for the evaluation form. Nothing typed is lost:
//  - every change is written at once to a local backup (localStorage), together with the version of
//    the archive row it was made on;
//  - the changed fields are saved to the archive after a short pause (and at once on Ctrl+S, before a
//    workflow step, when leaving the page or closing the window);
//  - when the page opens and a backup exists that was made on exactly the row now in the archive, the
//    backup holds edits that never reached the archive (crash, closed window): they are restored and
//    saved. A backup made on an older row is stale (the archive moved on) and is dropped.

const DEBOUNCE_MS = 700
const RETRY_MS = 5000

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

interface Backup {
  base: string
  keys: (keyof EvaluationFields)[]
  fields: EvaluationFields
}

export function fieldsOf(e: Evaluation): EvaluationFields {
  return {
    title: e.title,
    inventors: e.inventors,
    projectId: e.projectId,
    projectName: e.projectName,
    fiscalFunded: e.fiscalFunded,
    techField: e.techField,
    ipcSuggested: e.ipcSuggested,
    disclosureDate: e.disclosureDate,
    evaluatedOn: e.evaluatedOn,
    priorArtSummary: e.priorArtSummary,
    scores: e.scores,
    recommendation: e.recommendation,
    reviewers: e.reviewers,
  }
}

function backupKey(archiveFile: string, id: number): string {
  return `ipdesk.evaluation.${archiveFile}.${id}`
}

function readBackup(key: string): Backup | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Backup) : null
  } catch {
    return null
  }
}

export function useEvaluationDraft(id: number) {
  const [template, setTemplate] = useState<TemplateRecord | null>(null)
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null)
  const [fields, setFields] = useState<EvaluationFields | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [saveState, setSaveState] = useState<SaveState>('saved')
  const [savedAt, setSavedAt] = useState<Date | null>(null)

  const fieldsRef = useRef<EvaluationFields | null>(null)
  const pending = useRef(new Set<keyof EvaluationFields>())
  const base = useRef('')
  const storageKey = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const saving = useRef<Promise<void> | null>(null)
  /** The latest flush, for the retry timer (a callback cannot name itself while it is being defined). */
  const flushRef = useRef<() => Promise<void>>(async () => {})

  const writeBackup = useCallback(() => {
    if (!storageKey.current || !fieldsRef.current) return
    try {
      if (pending.current.size) {
        const backup: Backup = { base: base.current, keys: [...pending.current], fields: fieldsRef.current }
        localStorage.setItem(storageKey.current, JSON.stringify(backup))
      } else {
        localStorage.removeItem(storageKey.current)
      }
    } catch {
      // A full or disabled localStorage only loses the crash copy; the archive save still runs.
    }
  }, [])

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current)
      timer.current = null
    }
    if (saving.current) await saving.current
    if (!pending.current.size || !fieldsRef.current) return
    const keys = [...pending.current]
    pending.current.clear()
    const current = fieldsRef.current
    const patch = Object.fromEntries(keys.map((k) => [k, current[k]])) as Partial<EvaluationFields>
    setSaveState('saving')
    const run = (async () => {
      try {
        const result = await api.call('evaluations:save', { id, patch })
        base.current = result.updatedAt
        setEvaluation((e) => (e ? { ...e, ...patch, total: result.total, grade: result.grade, updatedAt: result.updatedAt } : e))
        setSavedAt(new Date())
        setSaveState(pending.current.size ? 'pending' : 'saved')
      } catch (error) {
        for (const k of keys) pending.current.add(k)
        setSaveState('error')
        notifyError(error, EVAL_TEXT.side.saveFailed)
        // Refused changes (the evaluation moved on in its workflow) are not retried; other failures are.
        if (!(error instanceof ApiError && (error.code === 'conflict' || error.code === 'invalid_input' || error.code === 'not_found'))) {
          timer.current = setTimeout(() => void flushRef.current(), RETRY_MS)
        }
      } finally {
        writeBackup()
      }
    })()
    saving.current = run
    await run
    saving.current = null
  }, [id, writeBackup])

  useEffect(() => {
    flushRef.current = flush
  }, [flush])

  const update = useCallback(
    (patch: Partial<EvaluationFields>) => {
      const next = { ...fieldsRef.current!, ...patch }
      fieldsRef.current = next
      setFields(next)
      for (const key of Object.keys(patch) as (keyof EvaluationFields)[]) pending.current.add(key)
      setSaveState('pending')
      writeBackup()
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS)
    },
    [flush, writeBackup],
  )

  /** Take the archive's copy (after a workflow step or a link), keeping nothing pending. */
  const replace = useCallback(
    (next: Evaluation) => {
      base.current = next.updatedAt
      pending.current.clear()
      fieldsRef.current = fieldsOf(next)
      setFields(fieldsRef.current)
      setEvaluation(next)
      setSaveState('saved')
      writeBackup()
    },
    [writeBackup],
  )

  useEffect(() => {
    let live = true
    ;(async () => {
      try {
        const [{ evaluation: loaded, template: tpl }, info] = await Promise.all([api.call('evaluations:get', { id }), api.call('system:info', {})])
        if (!live) return
        storageKey.current = backupKey(info.archiveFile, id)
        base.current = loaded.updatedAt
        let restored: Backup | null = readBackup(storageKey.current)
        if (restored && (restored.base !== loaded.updatedAt || !restored.keys.length)) {
          localStorage.removeItem(storageKey.current)
          restored = null
        }
        const start = fieldsOf(loaded)
        if (restored) for (const key of restored.keys) Object.assign(start, { [key]: restored.fields[key] })
        fieldsRef.current = start
        setTemplate(tpl)
        setEvaluation(loaded)
        setFields(start)
        if (restored) {
          for (const key of restored.keys) pending.current.add(key)
          setSaveState('pending')
          notifySuccess(EVAL_TEXT.side.restored)
          void flush()
        }
      } catch (error) {
        if (live) setLoadError(error instanceof ApiError ? error : new ApiError({ code: 'internal', message: String(error) }))
      }
    })()
    return () => {
      live = false
    }
  }, [id, flush])

  // Leaving the page (route change) or closing the window: save what is pending.
  useEffect(() => {
    const onUnload = () => void flush()
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      void flush()
    }
  }, [flush])

  return { template, evaluation, fields, loadError, saveState, savedAt, update, flush, replace }
}

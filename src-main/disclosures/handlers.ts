import type { disclosuresChannels } from '../contract/disclosures'
import type { HandlerMap } from '../ipc/context'
import { getSettings } from '../settings/service'
import { outputBaseName, writeCertificate } from './certificate'
import { readClaimsFile } from './intake'
import {
  createDisclosure,
  deleteDisclosure,
  getDisclosure,
  listDisclosures,
  overrideItem,
  setItemNote,
  signDisclosure,
  updateDisclosure,
  verifyDisclosure,
} from './service'
import { writeResultSheet } from './sheet'
import { disclosureStats } from './stats'
import { TEMPLATE_FILE_NAME, writeClaimTemplate } from './template'

export const disclosuresHandlers: HandlerMap<keyof typeof disclosuresChannels & string> = {
  'disclosures:template': async (_input, ctx) => {
    const out = ctx.files.allocate(TEMPLATE_FILE_NAME, 'output')
    await writeClaimTemplate(out.path)
    return { ref: out.ref, name: out.name }
  },
  'disclosures:readClaims': async (input, ctx) => {
    const file = ctx.files.resolve(input.file)
    return readClaimsFile(file.path, { displayName: file.name })
  },
  'disclosures:create': async (input, ctx) => {
    const db = ctx.session.archive.db
    return getDisclosure(db, await createDisclosure(db, input))
  },
  'disclosures:update': async (input, ctx) => {
    const db = ctx.session.archive.db
    await updateDisclosure(db, input)
    return getDisclosure(db, input.id)
  },
  'disclosures:verify': async (input, ctx) => {
    const db = ctx.session.archive.db
    await verifyDisclosure(db, input.id)
    return getDisclosure(db, input.id)
  },
  'disclosures:get': async (input, ctx) => getDisclosure(ctx.session.archive.db, input.id),
  'disclosures:list': async (input, ctx) => listDisclosures(ctx.session.archive.db, input),
  'disclosures:note': async (input, ctx) => setItemNote(ctx.session.archive.db, input.itemId, input.note),
  'disclosures:override': async (input, ctx) => overrideItem(ctx.session.archive.db, input.itemId, input.verdict, input.reason),
  'disclosures:sign': async (input, ctx) => {
    const db = ctx.session.archive.db
    await signDisclosure(db, input.id)
    return getDisclosure(db, input.id)
  },
  'disclosures:delete': async (input, ctx) => {
    await deleteDisclosure(ctx.session.archive.db, input.id)
    return { ok: true as const }
  },
  'disclosures:export': async (input, ctx) => {
    const db = ctx.session.archive.db
    const detail = await getDisclosure(db, input.id)
    const settings = await getSettings(db)
    const base = outputBaseName(detail)
    const out = ctx.files.allocate(input.format === 'docx' ? `核实意见书_${base}.docx` : `核实结果_${base}.xlsx`, 'output')
    if (input.format === 'docx') await writeCertificate(out.path, detail, settings)
    else await writeResultSheet(out.path, detail, settings)
    return { ref: out.ref, name: out.name }
  },
  'disclosures:stats': async (input, ctx) => disclosureStats(ctx.session.archive.db, input),
}

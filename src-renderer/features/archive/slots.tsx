import { ResearcherConsultations } from '../services/ResearcherConsultations'

// Places on archive pages where other areas show their own content. Each slot is one named component so
// the owning area can change what appears without touching the archive page.

/**
 * The researcher page's consultations section (咨询与服务记录). Filled by the services area's
 * ResearcherConsultations (channel 'services:forResearcher').
 */
export function ResearcherConsultationsSlot({ researcherId }: { researcherId: number }) {
  return <ResearcherConsultations researcherId={researcherId} />
}

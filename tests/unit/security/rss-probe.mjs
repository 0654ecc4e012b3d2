// Preloaded into CLI child processes by the hostile-input tests (`node --import rss-probe.mjs …`): writes
// the process's peak resident memory (MB) to $IPDESK_RSS_REPORT when it exits, however it exits.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const file = process.env.IPDESK_RSS_REPORT
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS / 1024))
})

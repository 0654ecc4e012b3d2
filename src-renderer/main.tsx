import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/charts/styles.css'
import { MantineProvider } from '@mantine/core'
import { DatesProvider } from '@mantine/dates'
import { Notifications } from '@mantine/notifications'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { App } from './app/App'
import { theme } from './theme'

dayjs.locale('zh-cn')
// Forms check their input against the contract's schemas here too (AssetEditModal …): their messages in
// Chinese, as the main process gives them (ipc/dispatcher.ts), not zod's English defaults.
z.config(z.locales.zhCN())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" containerWidth={420} />
        <App />
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
)

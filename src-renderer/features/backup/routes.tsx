import type { Route } from '../../app/router'
import { BackupPage } from './BackupPage'

export const backupRoutes: Route[] = [{ pattern: '/backup', render: () => <BackupPage /> }]

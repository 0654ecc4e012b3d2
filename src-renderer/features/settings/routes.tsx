import type { Route } from '../../app/router'
import { SettingsPage } from './SettingsPage'

export const settingsRoutes: Route[] = [{ pattern: '/settings', render: () => <SettingsPage /> }]

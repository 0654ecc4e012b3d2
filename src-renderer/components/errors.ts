import { notifications } from '@mantine/notifications'
import { ApiError } from '../api/client'

/** Show a failed call to the user: the message from main already says what to do next. */
export function notifyError(error: unknown, title = '操作未完成'): void {
  if (error instanceof ApiError && error.code === 'cancelled') {
    notifications.show({ color: 'gray', title: '已取消', message: error.message })
    return
  }
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : String(error), autoClose: 10_000 })
}

export function notifySuccess(message: string, title = '完成'): void {
  notifications.show({ color: 'teal', title, message })
}

import { AppError } from '../contract/result'
import { parseCommandArgs, UsageError, type Command, type CommandIo } from './command'
import { COMMANDS } from './commands'

// Exit codes: 0 success; 1 bad input (the message says what and nothing was changed); 2 usage error.

function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'IPDesk 命令行 —— 与桌面版使用同一套服务和同一档案文件',
    '',
    '用法：ipdesk <命令> [参数]   （ipdesk <命令> --help 查看命令用法）',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '退出码：0 成功；1 输入有误（未作任何修改）；2 用法错误',
  ].join('\n')
}

function findCommand(commands: Command[], argv: string[]): { command: Command; rest: string[] } | null {
  // Longest match first, so 'import patents' wins over a hypothetical 'import'.
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
  for (const command of sorted) {
    const words = command.name.split(' ')
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) }
  }
  return null
}

export async function runCli(argv: string[], io: CommandIo, commands: Command[] = COMMANDS): Promise<number> {
  if (!argv.length || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(help(commands))
    return argv.length ? 0 : 2
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { APP_VERSION } = await import('../core/app-core')
    io.out(APP_VERSION)
    return 0
  }
  const found = findCommand(commands, argv)
  if (!found) {
    io.err(`未知命令：${argv.slice(0, 2).join(' ')}\n\n${help(commands)}`)
    return 2
  }
  const { command, rest } = found
  try {
    const parsed = parseCommandArgs(command, rest)
    if (parsed.values.help) {
      io.out(`${command.summary}\n\n用法：${command.usage}`)
      return 0
    }
    return await command.run({ ...parsed, io })
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n用法：${command.usage}`)
      return 2
    }
    if (error instanceof AppError) {
      io.err(error.message)
      return 1
    }
    io.err(`程序内部错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 1
  }
}

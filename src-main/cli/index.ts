import { runCli } from './main'

// Entry of the `ipdesk` command (see resources/cli/ipdesk.mjs). Runs under plain Node.
const io = {
  out: (text: string) => process.stdout.write(text + '\n'),
  err: (text: string) => process.stderr.write(text + '\n'),
}

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`程序内部错误：${String(error)}\n`)
    process.exitCode = 1
  },
)

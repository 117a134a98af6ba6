// npm run admin -- <command>: the vendor operator's CLI against the app-state database (lib/runtime/admin-cli.ts).
import { runAdmin } from '@/lib/runtime/admin-cli';

process.exitCode = await runAdmin(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

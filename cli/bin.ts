#!/usr/bin/env node
/** The `tarifa` command (package.json `bin`): see cli/main.ts. */
import { run } from './main.ts';

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(
      `tarifa: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 70;
  },
);

#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that goes away (`nx-raco make -v | head -1`) must not abort a build half-way:
// like raco, keep working and stay quiet on that stream.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() reports every expected failure itself; reaching this is a bug.
    console.error(error);
    process.exitCode = 70;
  },
);

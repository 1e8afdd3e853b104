#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

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

/**
 * The `@nx-raco/setup-executor:setup` executor: Nx's entry point (`executors.json`). Adapts the
 * `ExecutorContext` to `runSetup` and writes to the task's stdout/stderr.
 */
import type { ExecutorContext } from '@nx/devkit';
import { runSetup } from './run-setup.js';
import type { SetupExecutorOptions } from './schema.js';

export default async function setupExecutor(options: SetupExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  if (context.projectName === undefined) {
    process.stderr.write('nx-raco setup: the executor needs a project; run it as `nx run <project>:setup`.\n');
    return { success: false };
  }
  return runSetup(
    options,
    { workspaceRoot: context.root, projectName: context.projectName, projects: context.projectsConfigurations.projects, env: process.env },
    { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  );
}

/**
 * raco setup's copy steps (`make-copy/move-step`, `setup-core.rkt:1808-2070`): `--- installing
 * foreign libraries ---` and `--- installing shared files ---` after the pre-installers,
 * `--- installing man pages ---` after the launchers. They copy files into the installation's
 * or the user's lib, share and man directories, which nx-raco never writes (workspace state
 * stays in the workspace), so here a step prints its banner, as raco does, and a WARNING for
 * each collection whose `info.rkt` asks for such a copy; the run's exit status is unchanged.
 */
import type { SetupCollection } from './collection-files.js';
import { PROGRAM } from './setup-options.js';
import { formatBanner } from './setup-report.js';

export type CopyStep = 'foreign libraries' | 'shared files' | 'man pages';

const FIELDS: Readonly<Record<CopyStep, readonly [string, string]>> = {
  'foreign libraries': ['copy-foreign-libs', 'move-foreign-libs'],
  'shared files': ['copy-shared-files', 'move-shared-files'],
  'man pages': ['copy-man-pages', 'move-man-pages'],
};

/**
 * Prints `step`'s banner, then a WARNING per collection (in `ccs`' order) with a non-empty
 * field of the step.
 * @example reportCopyStep('man pages', ccs, new Date(), io)
 * // io.stdout: 'nx-raco setup: --- installing man pages --- …' and, for a collection with
 * // copy-man-pages, 'nx-raco setup: WARNING: /ws/a/info.rkt: copy-man-pages is not supported; …'
 */
export function reportCopyStep(step: CopyStep, ccs: readonly SetupCollection[], now: Date, io: { readonly stdout: (text: string) => void }): void {
  io.stdout(formatBanner(`installing ${step}`, now));
  for (const cc of ccs) {
    for (const field of FIELDS[step]) {
      const value = cc.info?.get(field);
      if (value === undefined || (value.kind === 'list' && value.items.length === 0)) continue;
      const file = cc.info?.file ?? `${cc.dir}/info.rkt`;
      io.stdout(`${PROGRAM}: WARNING: ${file}: ${field} is not supported; nothing was installed (nx-raco writes only inside the workspace, and Racket's ${step} directories are not).\n`);
    }
  }
}

/**
 * Runs cleanups (deleting our lock files) when the process exits or is stopped by SIGINT,
 * SIGTERM or SIGHUP, so an interrupted build leaves no lock behind for the next one to wait on.
 *
 * Listeners are installed while at least one cleanup is registered and removed with the last
 * one, so a finished build leaves no listeners behind. A signal listener suppresses Node's
 * default "exit on signal"; after cleaning up we therefore re-raise the signal when nobody else
 * listens for it, so the process still dies of it (exit status 128 + n, as the shell expects).
 *
 * Fragile: cleanups must be synchronous (an `exit` listener cannot wait). SIGKILL cannot be
 * caught; the lock files it leaves are taken over later because their owner is dead.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // A failing cleanup must not stop the others (or the exit).
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  cleanups.clear();
  uninstallListeners();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

const onExit = (): void => runAll();

function installListeners(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstallListeners(): void {
  process.off('exit', onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Registers `cleanup` to run at exit or on a terminating signal; returns its unregister function.
 * @example const stop = installExitCleanup(() => locks.releaseAll()); …; stop();
 */
export function installExitCleanup(cleanup: () => void): () => void {
  const entry = (): void => cleanup();
  if (cleanups.size === 0) installListeners();
  cleanups.add(entry);
  return () => {
    if (cleanups.delete(entry) && cleanups.size === 0) uninstallListeners();
  };
}

/** Test-only: how many cleanups are registered. */
export function countExitCleanups(): number {
  return cleanups.size;
}

/**
 * Options of the `@nx-raco/setup-executor:setup` executor (schema.json), mirroring `nx-raco setup`.
 * Adding to this interface is a maintenance commitment: options are part of users' nx.json and
 * project.json files.
 */
export interface SetupExecutorOptions {
  /** Parallel jobs (raco setup -j). @default 1 */
  jobs?: number;
  /** Only clean the project's collections (raco setup --clean). @default false */
  clean?: boolean;
  /** Skip .scrbl files and documentation (raco setup --no-docs). @default false */
  noDocs?: boolean;
  /** Do not produce launchers in the workspace `bin/` directory (raco setup --no-launcher). @default false */
  noLauncher?: boolean;
  /** Do not run pre-installers and installers (raco setup --no-install). @default false */
  noInstall?: boolean;
  /** Do not run post-installers (raco setup --no-post-install). @default false */
  noPostInstall?: boolean;
  /** Compilation mode, e.g. `errortrace` (raco setup --mode). @default undefined */
  mode?: string;
  /** Print every module compiled (raco setup -v). @default false */
  verbose?: boolean;
}

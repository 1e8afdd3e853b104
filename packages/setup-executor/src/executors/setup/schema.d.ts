/**
 * Options of the `@nx-raco/setup-executor:setup` executor (schema.json), mirroring `nx-raco setup`.
 * Adding to this interface is a maintenance commitment: options are part of users' nx.json and
 * project.json files.
 */
export interface SetupExecutorOptions {
  /** Parallel jobs (raco setup -j); builds are sequential for now. @default 1 */
  jobs?: number;
  /** Delete the project's compiled files instead of building (raco setup --clean). @default false */
  clean?: boolean;
  /** Skip .scrbl files and documentation (raco setup --no-docs). @default false */
  noDocs?: boolean;
  /** Do not produce launchers in the workspace `bin/` directory (raco setup --no-launcher). @default false */
  noLauncher?: boolean;
  /** Do not run pre-installers (raco setup --no-install); not implemented yet. @default false */
  noInstall?: boolean;
  /** Do not run post-installers (raco setup --no-post-install); not implemented yet. @default false */
  noPostInstall?: boolean;
  /** Compilation mode, e.g. `errortrace` (raco setup --mode); not implemented yet. @default undefined */
  mode?: string;
  /** Print every module compiled and launcher written, and what is not implemented yet. @default false */
  verbose?: boolean;
}

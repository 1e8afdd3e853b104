/** Options of the `init` generator (schema.json). Adding to it is a maintenance commitment. */
export interface InitGeneratorOptions {
  /** Name of the inferred compile target. @default 'setup' */
  setupTargetName?: string;
  /** Name of the inferred clean target. @default 'clean' */
  cleanTargetName?: string;
  /** Do not format the changed files. @default false */
  skipFormat?: boolean;
}

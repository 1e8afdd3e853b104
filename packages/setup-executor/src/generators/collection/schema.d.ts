/** Options of the `collection` generator (schema.json). Adding to it is a maintenance commitment. */
export interface CollectionGeneratorOptions {
  /** Collection name; also the Nx project name. */
  name: string;
  /** Directory relative to the workspace root; its last segment must be `name`. @default name */
  directory?: string;
  /** `pkg-desc`. @default 'The <name> collection' */
  description?: string;
  /** `version`. @default '0.1' */
  version?: string;
  /** Declare a launcher named after the collection. @default true */
  launcher?: boolean;
  /** Do not format the generated files. @default false */
  skipFormat?: boolean;
}

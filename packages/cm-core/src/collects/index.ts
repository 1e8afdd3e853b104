export { collectionSearchPath, createCollectionResolver, findCollectionDir } from './find-collection.js';
export type { CollectionResolver, CollectionSearchPath } from './find-collection.js';
export type { CollectionEnvironmentOptions, CollectionFileSystem } from './collection-environment.js';
export type { LinkTarget } from './links-file.js';

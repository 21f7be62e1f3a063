export * from './types';
export { PluginRegistry } from './registry';
export { createPluginLoader, type PluginLoader, type PluginFailure } from './loader';
export { readPluginFolder, findPluginFolders, type PluginFiles } from './read-folder';
export { getAtPointer, setAtPointer, decodePointer, encodePointer } from './schema-walk';

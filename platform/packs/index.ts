export { buildPackFromFolder } from './build-pack';
export { verifyPack, openPack, type PackReport, type VerifyOptions } from './verify-pack';
export { packContainer, writePack, contentSha256, type PackOptions } from './write-pack';
export { generatePackKeys, fingerprintOf, privateKeyFromPem, publicKeyFromPem } from './pack-keys';
export { canonicalJson, sha256Hex } from './canonical-json';
export { PACK_LIMITS, PACK_FORMAT, PACK_EXTENSION, type PackContainer, type PackManifest, type SignatureState } from './pack-format';
export { diffPlugins, type PluginDiff, type FormChange, type FieldChange, type WorkflowChange, type Changes } from './diff-plugins';

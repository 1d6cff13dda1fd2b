export { DEV_ISSUER, DEV_AUDIENCE, createDevIssuer, type DevIssuer, type MintOptions } from './dev-issuer';
export { loadOrCreateDevIssuer, devIssuerDir } from './key-folder';
export { findWorkspaceRoot } from './workspace-root';
export { DevIssuerError } from '../errors';

export {
  DEV_ISSUER,
  DEV_AUDIENCE,
  createDevIssuer,
  type DevIssuer,
  type DevIssuerIdentity,
  type MintOptions,
} from './dev-issuer';
export { loadOrCreateDevIssuer, devIssuerDir, type LoadOrCreateDevIssuerOptions } from './key-folder';
export { findWorkspaceRoot } from './workspace-root';
export { DevIssuerError } from '../errors';
export type { AllowedAlgorithm } from '../jwt-verifier';

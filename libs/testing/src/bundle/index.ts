export {
  BUNDLE_CEILING_BYTES,
  bundleOverBudget,
  describeBundleBudget,
  readBundleBudget,
} from './bundle-budget';
export { bundleFunction, serviceEsbuildOptions, serviceFunctions } from './service-bundles';

/**
 * @platform/policy — IaC policy checker over packaged CloudFormation templates: rules with stable
 * IDs, suppressions only with reasons, table / JSON / SARIF 2.1.0 output. The command is
 * `npm run -s policy -- …` (src/cli.ts); this barrel is the programmatic surface.
 */
export { runPolicy } from './policy-run';

/**
 * Functions of one service that only named functions of another may invoke: internal functions
 * with no route, whose callers must be proven (ADR-012). A team adds a line here when it publishes
 * an internal function; SFP-IAM-009 then fails any other role of any service that can invoke it.
 */
export interface InternalFunction {
  /** The service that owns it, and the function's name in its serverless.yml. */
  service: string;
  function: string;
  /** Who may invoke it: a service and the logical ids of its functions (their roles). */
  callers: { service: string; functions: readonly string[] };
}

export const INTERNAL_FUNCTIONS: readonly InternalFunction[] = [
  {
    service: 'inventory',
    function: 'reserve',
    callers: { service: 'orders', functions: ['PlaceOrderLambdaFunction'] },
  },
  {
    service: 'inventory',
    function: 'release',
    callers: { service: 'orders', functions: ['PlaceOrderLambdaFunction', 'CancelOrderLambdaFunction'] },
  },
];

/**
 * Base URI of every problem `type` this platform returns; a type is `${PROBLEM_BASE}/<slug>`. A
 * module of its own (`@platform/http/problem-base`), so tools import it without loading middy.
 *
 * @example
 * `${PROBLEM_BASE}/not-found`; // 'https://serverless-factory.dev/problems/not-found'
 */
export const PROBLEM_BASE = 'https://serverless-factory.dev/problems';

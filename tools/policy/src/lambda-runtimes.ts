/**
 * Lambda managed runtimes that AWS supports and that are not scheduled for deprecation within the
 * next months (AWS Lambda "Runtimes" page, reviewed 2026-11-30). `nodejs20.x` reached deprecation
 * on 2026-04-30, `python3.10` and `provided.al2` on 2026-06-30, `dotnet8` on 2026-11-10.
 *
 * An allow-list fails closed: a runtime missing here (a new one, or a typo) is reported until it
 * is added, with the date of the review, by the platform team.
 */
export const SUPPORTED_LAMBDA_RUNTIMES: readonly string[] = [
  'nodejs22.x',
  'nodejs24.x',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java11',
  'java17',
  'java21',
  'java25',
  'ruby3.3',
  'ruby3.4',
  'dotnet10',
  'provided.al2023',
];

import type { Severity } from './rule';

/** What a finding is about: a resource, an entry of `custom.policy.suppress`, or a public route entry. */
type FindingSubject =
  | { kind: 'resource'; id: string }
  | { kind: 'suppression'; index: number; resource?: string }
  | { kind: 'public-route'; route: string };

/** One rule firing on one subject of one template. */
export interface Finding {
  ruleId: string;
  level: Severity;
  message: string;
  subject: FindingSubject;
  /** CloudFormation type of the resource, when the subject is one. */
  resourceType?: string;
  /** Set when a suppression with a reason covers the finding; it then does not fail the check. */
  suppression?: { reason: string };
}

/** The logical id a finding is about, if any. */
export function findingResource(finding: Finding): string | undefined {
  const { subject } = finding;
  return subject.kind === 'resource'
    ? subject.id
    : subject.kind === 'suppression'
      ? subject.resource
      : undefined;
}

/** A stable key for what a finding is about: the logical id, `suppress[<n>]` or `publicRoutes:<route>`. */
export function subjectKey(finding: Finding): string {
  const { subject } = finding;
  if (subject.kind === 'resource') return subject.id;
  return subject.kind === 'suppression' ? `suppress[${subject.index}]` : `publicRoutes:${subject.route}`;
}

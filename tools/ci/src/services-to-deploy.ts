import {
  affectedServices,
  deployableServices,
  selectServices,
  serverlessConfigIn,
} from './affected-services';
import { changedFiles, type ChangedFiles } from './changed-files';
import type { DeployedShaStore } from './deployed-sha-store';
import { isAncestor, requireCommit, resolveCommit } from './git';
import type { ProjectGraph } from './project-graph';

/** Input of {@link servicesToDeploy}. */
export interface ServicesToDeployInput {
  readonly stage: string;
  /** The commit to deploy (any ref; resolved to its full sha). */
  readonly head: string;
  readonly store: DeployedShaStore;
  /** The project graph at `head`. */
  readonly graph: ProjectGraph;
  /** The workspace (and git repository) root. */
  readonly cwd: string;
  /** Plan only these services (default: every deployable service). */
  readonly services?: readonly string[];
  /** Default: a `serverless.yml` exists in the project root under `cwd`. */
  readonly hasServerlessConfig?: (projectRoot: string) => boolean;
}

/** Whether one service is deployed to the stage at `head`, and why. */
export interface DeployDecision {
  readonly service: string;
  readonly deploy: boolean;
  /** The commit recorded as deployed, when there is one. */
  readonly deployedSha?: string;
  readonly reasons: readonly string[];
}

/** Abbreviates a sha for messages. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/**
 * Decides, per deployable service, whether `head` must be deployed to `stage`. The base of each
 * service is the commit recorded in `store` for it and that stage — not the last green run — so a
 * deploy that failed (and was never recorded) is selected again next time:
 * - never deployed → deploy;
 * - `head` itself, or a newer commit (a descendant of `head`), already deployed → skip: an older
 *   run never overwrites a newer deploy;
 * - otherwise deploy when {@link affectedServices} over the files changed between the deployed
 *   commit and `head` selects the service.
 *
 * @throws {UnknownServiceError} when `services` names a project that is not a deployable service.
 * @throws {GitError} when `head` is not a commit.
 * @example
 * declare const store: DeployedShaStore;
 * declare const graph: ProjectGraph;
 * const plan = await servicesToDeploy({ stage: 'dev', head: 'HEAD', store, graph, cwd: process.cwd() });
 * plan.filter((decision) => decision.deploy).map((decision) => decision.service); // ['catalog']
 */
export async function servicesToDeploy(input: ServicesToDeployInput): Promise<DeployDecision[]> {
  const { cwd, graph, stage, store } = input;
  const hasServerlessConfig = input.hasServerlessConfig ?? serverlessConfigIn(cwd);
  const headSha = await requireCommit(input.head, cwd);
  const selected = selectServices(deployableServices(graph, hasServerlessConfig), input.services);

  const changesSince = new Map<string, Promise<ChangedFiles>>();
  const decisions: DeployDecision[] = [];
  for (const service of selected) {
    const deployedSha = await store.get(service, stage);
    if (deployedSha === undefined) {
      decisions.push({ service, deploy: true, reasons: [`never deployed to ${stage}`] });
      continue;
    }
    const since = `since ${shortSha(deployedSha)}`;
    if (deployedSha === headSha) {
      decisions.push({ service, deploy: false, deployedSha, reasons: ['this commit is already deployed'] });
      continue;
    }
    const deployedCommit = await resolveCommit(deployedSha, cwd);
    if (deployedCommit !== undefined && (await isAncestor(headSha, deployedCommit, cwd))) {
      decisions.push({
        service,
        deploy: false,
        deployedSha,
        reasons: [`a newer commit (${shortSha(deployedSha)}) is already deployed`],
      });
      continue;
    }
    let changes = changesSince.get(deployedSha);
    if (changes === undefined) {
      changes = changedFiles(deployedSha, headSha, cwd);
      changesSince.set(deployedSha, changes);
    }
    const affected = affectedServices({ changedFiles: await changes, graph, hasServerlessConfig }).find(
      (candidate) => candidate.service === service,
    );
    decisions.push(
      affected === undefined
        ? { service, deploy: false, deployedSha, reasons: [`no change affects it ${since}`] }
        : {
            service,
            deploy: true,
            deployedSha,
            reasons: affected.reasons.map((reason) => `${reason} ${since}`),
          },
    );
  }
  return decisions;
}

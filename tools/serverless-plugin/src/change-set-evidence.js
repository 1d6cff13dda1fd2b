'use strict';

const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

/** The environment variable naming where `serverless deploy` saves the change set it executes. */
const CHANGE_SET_FILE_VARIABLE = 'PLATFORM_CHANGE_SET_FILE';

/** Every change of a change set, all pages (DescribeChangeSet pages at 100 or so). */
async function describeAllPages(client, commands, input) {
  const pages = [];
  let nextToken;
  do {
    const page = await client.send(
      new commands.DescribeChangeSetCommand({ ...input, ...(nextToken ? { NextToken: nextToken } : {}) }),
    );
    pages.push(page);
    nextToken = page.NextToken;
  } while (nextToken);
  return pages;
}

/**
 * The evidence of one deploy: the change set CloudFormation is about to execute, described
 * (every page of changes) before `ExecuteChangeSet` is sent.
 * @param {Array<Record<string, any>>} pages DescribeChangeSet outputs, first page first
 */
function changeSetRecord(pages) {
  const first = pages[0] ?? {};
  return {
    schema: 'serverless-factory/change-set@1',
    stackName: first.StackName,
    stackId: first.StackId,
    changeSetName: first.ChangeSetName,
    changeSetId: first.ChangeSetId,
    status: first.Status,
    ...(first.StatusReason ? { statusReason: first.StatusReason } : {}),
    executionStatus: first.ExecutionStatus,
    creationTime: first.CreationTime instanceof Date ? first.CreationTime.toISOString() : first.CreationTime,
    capabilities: first.Capabilities ?? [],
    parameters: first.Parameters ?? [],
    changes: pages.flatMap((page) => page.Changes ?? []),
  };
}

/**
 * Wraps `client` so that, before it sends `ExecuteChangeSet`, it describes that change set and
 * writes {@link changeSetRecord} to `file`: the evidence is on disk before anything changes, and it
 * is the very change set that runs. Uses the SDK's documented middleware stack.
 * @param {{ send: Function, middlewareStack: { add: Function } }} client a CloudFormationClient
 * @param {{ DescribeChangeSetCommand: Function }} commands from @aws-sdk/client-cloudformation
 * @param {string} file
 * @param {(line: string) => void} [say]
 */
function saveChangeSetBeforeExecution(client, commands, file, say = () => undefined) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ExecuteChangeSetCommand') {
        const { StackName, ChangeSetName } = args.input;
        const pages = await describeAllPages(client, commands, { StackName, ChangeSetName });
        const record = changeSetRecord(pages);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
        say(`change set ${record.changeSetName}: ${record.changes.length} change(s) saved to ${file}`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'platformChangeSetEvidence', override: true },
  );
  return client;
}

module.exports = { CHANGE_SET_FILE_VARIABLE, changeSetRecord, saveChangeSetBeforeExecution };

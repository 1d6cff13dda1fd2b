import { actionGrants, identityStatements, readStatements } from '../src/policy-document';

describe('actionGrants', () => {
  it.each([
    ['iam:PassRole', 'iam:PassRole', true],
    ['IAM:passrole', 'iam:PassRole', true],
    ['iam:Pass*', 'iam:PassRole', true],
    ['iam:*', 'iam:PassRole', true],
    ['*', 'iam:PassRole', true],
    ['iam:Pa?sRole', 'iam:PassRole', true],
    ['iam:GetRole', 'iam:PassRole', false],
    ['iam:PassRole.', 'iam:PassRole', false],
    ['sts:*', 'iam:PassRole', false],
  ])('%s grants %s: %s', (pattern, action, grants) => {
    expect(actionGrants(pattern, action)).toBe(grants);
  });
});

describe('readStatements', () => {
  it('reads a single statement object, string or list actions, and a document given as JSON text', () => {
    const statements = readStatements(
      JSON.stringify({
        Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['arn:aws:sqs:::q'] },
      }),
      'send',
    );
    expect(statements).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: [{ text: 'arn:aws:sqs:::q', exact: true }],
        policyName: 'send',
      }),
    ]);
  });

  it('reads nothing from an unreadable document', () => {
    expect(readStatements('{ not json', 'x')).toEqual([]);
    expect(readStatements(undefined, 'x')).toEqual([]);
    expect(readStatements({ Statement: ['not a statement'] }, 'x')).toEqual([]);
  });
});

describe('identityStatements', () => {
  it('names inline policies by PolicyName, or by position when the name is missing', () => {
    const statements = identityStatements({
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [
          {
            PolicyName: { 'Fn::Join': ['-', ['catalog', 'prod', 'lambda']] },
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'a:B', Resource: '*' }] },
          },
          { PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'c:D', Resource: '*' }] } },
          'not a policy',
        ],
      },
    });
    expect(statements.map((statement) => [statement.policyName, statement.effect])).toEqual([
      ['catalog-prod-lambda', 'Allow'],
      ['policy 2', 'Deny'],
    ]);
  });
});

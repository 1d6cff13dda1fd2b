import { InvalidTemplateError } from '../src/errors';
import { parseTemplate } from '../src/template';

describe('parseTemplate', () => {
  it('reads resources, and gives a resource without Properties an empty object', () => {
    const template = parseTemplate(
      JSON.stringify({ Metadata: { Platform: {} }, Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
      't.json',
    );
    expect(template.Resources.Topic).toEqual({ Type: 'AWS::SNS::Topic', Properties: {} });
    expect(template.Metadata).toEqual({ Platform: {} });
  });

  it.each([
    ['text that is not JSON', '{ "Resources": ', /t\.json is not valid JSON/],
    [
      'a document that is not an object',
      '[]',
      /t\.json is not a CloudFormation template: the document is not an object/,
    ],
    [
      'a template without Resources',
      '{ "Outputs": {} }',
      /t\.json is not a CloudFormation template: it has no Resources/,
    ],
    ['an empty Resources section', '{ "Resources": {} }', /it has no Resources/],
    [
      'a resource without a Type',
      '{ "Resources": { "A": { "Properties": {} } } }',
      /t\.json: resource A has no Type/,
    ],
    [
      'a resource whose Properties are not an object',
      '{ "Resources": { "A": { "Type": "X", "Properties": [] } } }',
      /resource A has Properties that are not an object/,
    ],
  ])('rejects %s with a message naming the file', (_case, text, message) => {
    expect(() => parseTemplate(text, 't.json')).toThrow(InvalidTemplateError);
    expect(() => parseTemplate(text, 't.json')).toThrow(message);
  });

  it('keeps the JSON parser error as the cause', () => {
    expect(() => parseTemplate('nope', 't.json')).toThrow(
      expect.objectContaining({ name: 'InvalidTemplateError', cause: expect.any(SyntaxError) }),
    );
  });
});

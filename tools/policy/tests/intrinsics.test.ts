import { isExactly, readBoolean, referencedId, renderString } from '../src/intrinsics';

describe('renderString', () => {
  it('keeps literal strings and numbers as exact text', () => {
    expect(renderString('arn:aws:s3:::bucket')).toEqual({ text: 'arn:aws:s3:::bucket', exact: true });
    expect(renderString(30)).toEqual({ text: '30', exact: true });
  });

  it('turns Ref and Fn::GetAtt (list or dotted) into placeholders', () => {
    expect(renderString({ Ref: 'AWS::Region' })).toEqual({ text: '${AWS::Region}', exact: false });
    expect(renderString({ 'Fn::GetAtt': ['ServiceTable', 'Arn'] })).toEqual({
      text: '${ServiceTable.Arn}',
      exact: false,
    });
    expect(renderString({ 'Fn::GetAtt': 'ServiceTable.Arn' })).toEqual({
      text: '${ServiceTable.Arn}',
      exact: false,
    });
  });

  it('folds Fn::Join, exact only when every part is', () => {
    expect(renderString({ 'Fn::Join': ['', ['*']] })).toEqual({ text: '*', exact: true });
    expect(renderString({ 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['T', 'Arn'] }, 'index', '*']] })).toEqual({
      text: '${T.Arn}/index/*',
      exact: false,
    });
  });

  it('reads a malformed Fn::Join as unknown rather than failing', () => {
    expect(renderString({ 'Fn::Join': ['', { Ref: 'List' }] })).toEqual({
      text: '${Fn::Join}',
      exact: false,
    });
  });

  it('folds Fn::Sub with its variables, keeps `${!Literal}` as text, and leaves pseudo parameters as placeholders', () => {
    expect(renderString({ 'Fn::Sub': '*' })).toEqual({ text: '*', exact: true });
    expect(renderString({ 'Fn::Sub': ['arn:aws:s3:::${Name}/*', { Name: 'bucket' }] })).toEqual({
      text: 'arn:aws:s3:::bucket/*',
      exact: true,
    });
    expect(renderString({ 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'Stage' } }] })).toEqual({
      text: '${Stage}-${AWS::Region}',
      exact: false,
    });
    expect(renderString({ 'Fn::Sub': 'echo ${!HOME}' })).toEqual({ text: 'echo ${HOME}', exact: true });
    expect(renderString({ 'Fn::Sub': { Ref: 'Template' } })).toEqual({ text: '${Fn::Sub}', exact: false });
  });

  it('turns other functions into placeholders and non-strings into undefined', () => {
    expect(renderString({ 'Fn::If': ['Prod', 'a', 'b'] })).toEqual({ text: '${Fn::If}', exact: false });
    expect(renderString({ Key: 'owner', Value: 'x' })).toBeUndefined();
    expect(renderString({ NotAFunction: 'x' })).toBeUndefined();
    expect(renderString(true)).toBeUndefined();
    expect(renderString(['*'])).toBeUndefined();
  });
});

describe('isExactly', () => {
  it('is true only for a value that folds to exactly that text', () => {
    expect(isExactly('*', '*')).toBe(true);
    expect(isExactly({ 'Fn::Join': ['', ['*']] }, '*')).toBe(true);
    expect(isExactly({ Ref: 'Star' }, '*')).toBe(false);
    expect(isExactly('arn:aws:s3:::*', '*')).toBe(false);
  });
});

describe('referencedId', () => {
  it('finds the logical id behind Ref, Fn::GetAtt and a bare Fn::Sub reference', () => {
    expect(referencedId({ Ref: 'HttpApi' })).toBe('HttpApi');
    expect(referencedId({ 'Fn::GetAtt': ['HealthLambdaFunction', 'Arn'] })).toBe('HealthLambdaFunction');
    expect(referencedId({ 'Fn::GetAtt': 'HealthLambdaFunction.Arn' })).toBe('HealthLambdaFunction');
    expect(referencedId({ 'Fn::Sub': '${Queue.Arn}' })).toBe('Queue');
  });

  it('is undefined for literals and composite values', () => {
    expect(referencedId('HttpApi')).toBeUndefined();
    expect(referencedId({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:::${Queue}' })).toBeUndefined();
    expect(referencedId({ 'Fn::Join': ['', [{ Ref: 'A' }]] })).toBeUndefined();
  });
});

describe('readBoolean', () => {
  it('reads booleans and their string forms, and cannot know intrinsics', () => {
    expect(readBoolean(true)).toBe(true);
    expect(readBoolean('False')).toBe(false);
    expect(readBoolean('TRUE')).toBe(true);
    expect(readBoolean('yes')).toBeUndefined();
    expect(readBoolean({ Ref: 'Flag' })).toBeUndefined();
    expect(readBoolean(undefined)).toBeUndefined();
  });
});

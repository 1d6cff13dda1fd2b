import { choiceOption, listOption, parseCliArgs, requiredOption } from '../src/cli-options';
import { UsageError } from '../src/errors';

describe('parseCliArgs', () => {
  const options = { stage: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

  it('parses known options', () => {
    expect(parseCliArgs({ args: ['--stage', 'dev', '-h'], options }).values).toEqual({
      stage: 'dev',
      help: true,
    });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--stage'], "Option '--stage <value>' argument missing"],
    [['extra'], 'Unexpected argument'],
  ])('turns %j into a UsageError', (args, message) => {
    expect(() => parseCliArgs({ args, options })).toThrow(UsageError);
    expect(() => parseCliArgs({ args, options })).toThrow(message);
  });

  it('lets other errors through unchanged', () => {
    const misconfigured = () => parseCliArgs({ args: [], options: { s: { type: 'nope' } } } as never);
    expect(misconfigured).toThrow('"options.s.type" property must be');
    expect(misconfigured).not.toThrow(UsageError);
  });
});

describe('requiredOption', () => {
  it('returns a given value', () => {
    expect(requiredOption('dev', 'stage')).toBe('dev');
  });

  it('names the option that is missing or empty', () => {
    expect(() => requiredOption(undefined, 'stage')).toThrow(new UsageError('--stage is required'));
    expect(() => requiredOption(' ', 'stage')).toThrow(UsageError);
  });
});

describe('choiceOption', () => {
  const formats = ['matrix', 'list'] as const;

  it('returns the fallback when absent and a valid choice when given', () => {
    expect(choiceOption(undefined, 'format', formats, 'matrix')).toBe('matrix');
    expect(choiceOption('list', 'format', formats, 'matrix')).toBe('list');
  });

  it('lists the choices when the value is not one', () => {
    expect(() => choiceOption('xml', 'format', formats, 'matrix')).toThrow(
      new UsageError('--format must be one of matrix, list (got "xml")'),
    );
  });
});

describe('listOption', () => {
  it('splits on commas and drops blanks', () => {
    expect(listOption('catalog, orders,,')).toEqual(['catalog', 'orders']);
    expect(listOption(undefined)).toBeUndefined();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkExamples, examplesIn, formatProblem } from '../src/doc-examples';

const source = [
  "import { join } from 'node:path';", //                         1
  '', //                                                           2
  '/**', //                                                        3
  ' * Doubles a number.', //                                       4
  ' *', //                                                         5
  ' * @example', //                                                6
  ' * double(2); // 4', //                                         7
  ' */', //                                                        8
  'export const double = (n: number): number => n * 2;', //       9
  '', //                                                          10
  '/**', //                                                       11
  ' * Joins two parts.', //                                       12
  ' * @example ```ts', //                                         13
  " * const joined: number = joinParts('a', 'b');", //            14
  ' * ```', //                                                    15
  ' */', //                                                       16
  'export function joinParts(a: string, b: string): string {', // 17
  '  return join(a, b);', //                                      18
  '}', //                                                         19
].join('\n');

describe('examplesIn', () => {
  it('finds each @example with its code (fences dropped) and the source line its code starts on', () => {
    expect(examplesIn('/x/m.ts', source)).toEqual([
      { file: '/x/m.ts', line: 7, code: 'double(2); // 4' },
      { file: '/x/m.ts', line: 14, code: "const joined: number = joinParts('a', 'b');" },
    ]);
  });

  it('finds none in a file without TSDoc examples', () => {
    expect(examplesIn('/x/n.ts', 'export const x = 1;\n')).toEqual([]);
  });
});

describe('checkExamples', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'doc-examples-'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'preserve', target: 'ES2022', types: ['node'] },
      }),
    );
    writeFileSync(join(dir, 'm.ts'), source);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks each example against its own module and reports errors on the source line', () => {
    const problems = checkExamples([join(dir, 'm.ts')], join(dir, 'tsconfig.json'));
    expect(problems).toEqual([
      {
        file: join(dir, 'm.ts'),
        line: 14,
        message: "Type 'string' is not assignable to type 'number'.",
      },
    ]);
    expect(formatProblem(problems[0]!, dir)).toBe(
      "m.ts:14 Type 'string' is not assignable to type 'number'.",
    );
  });

  it('reports nothing when every example compiles, and nothing for files without examples', () => {
    const good = join(dir, 'good.ts');
    writeFileSync(good, source.replace('const joined: number', 'const joined: string'));
    writeFileSync(join(dir, 'none.ts'), 'export const y = 2;\n');
    expect(checkExamples([good, join(dir, 'none.ts')], join(dir, 'tsconfig.json'))).toEqual([]);
    expect(checkExamples([join(dir, 'none.ts')], join(dir, 'tsconfig.json'))).toEqual([]);
  });

  it('fails clearly without a tsconfig', () => {
    expect(() => checkExamples([join(dir, 'm.ts')], join(dir, 'missing.json'))).toThrow(/no tsconfig at/);
  });
});

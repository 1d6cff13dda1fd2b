import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { CiError } from './errors';

/** One `@example` of a TSDoc comment. */
export interface DocExample {
  /** Absolute path of the source file. */
  file: string;
  /** 1-based line of the example's first code line in the source file. */
  line: number;
  code: string;
}

/** A compiler diagnostic inside an example, placed on the source file's line. */
export interface ExampleProblem {
  file: string;
  line: number;
  message: string;
}

const FENCE = /^\s*```[a-z]*\s*$/;

/**
 * The `@example` blocks of a TypeScript source: their code (code fences dropped) and the source
 * line where it starts.
 *
 * @example
 * const found = examplesIn('libs/http/src/if-match.ts', readFileSync('libs/http/src/if-match.ts', 'utf8'));
 * found.map((example) => `${example.file}:${example.line}`);
 */
export function examplesIn(file: string, text: string): DocExample[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const seen = new Set<number>();
  const examples: DocExample[] = [];
  const visit = (node: ts.Node): void => {
    for (const tag of ts.getJSDocTags(node)) {
      if (tag.tagName.text !== 'example' || seen.has(tag.pos)) continue;
      seen.add(tag.pos);
      const lines = (ts.getTextOfJSDocComment(tag.comment) ?? '').split('\n');
      const first = lines.findIndex((line) => line.trim() !== '' && !FENCE.test(line));
      if (first < 0) continue;
      const code = lines
        .slice(first)
        .filter((line) => !FENCE.test(line))
        .join('\n')
        .trimEnd();
      // The comment's text starts on the tag's line, or on the next when the tag stands alone.
      const tagLine = source.getLineAndCharacterOfPosition(tag.tagName.getStart(source)).line;
      const startsOnTagLine = text.slice(tag.tagName.end, text.indexOf('\n', tag.tagName.end)).trim() !== '';
      examples.push({ file, line: tagLine + 1 + (startsOnTagLine ? 0 : 1) + first, code });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return examples;
}

/** The compiler options of a tsconfig file, as `tsc -p` would read them. */
function compilerOptionsOf(tsconfigPath: string): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (read.error) {
    throw new CiError(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  }
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfigPath)).options;
}

/**
 * Type-checks every example of `files` as if it were appended to its own module: the module's
 * imports and declarations are in scope, and anything else the example uses it declares itself
 * (`declare const products: ProductStore;`). Returns the diagnostics that fall inside examples,
 * on the source lines they belong to; an empty list means every example compiles.
 *
 * @example
 * const problems = checkExamples(['libs/http/src/if-match.ts'], 'libs/http/tsconfig.json');
 * problems.map((p) => `${p.file}:${p.line} ${p.message}`);
 */
export function checkExamples(files: readonly string[], tsconfigPath: string): ExampleProblem[] {
  if (!existsSync(tsconfigPath)) throw new CiError(`no tsconfig at ${tsconfigPath}`);
  const options = { ...compilerOptionsOf(resolve(tsconfigPath)), noEmit: true };
  const virtual = new Map<string, { example: DocExample; offset: number; text: string }>();
  for (const file of files.map((path) => resolve(path))) {
    const text = readFileSync(file, 'utf8');
    examplesIn(file, text).forEach((example, index) => {
      const prefix = `${text}\n;\n`;
      const path = file.replace(/\.tsx?$/, `.__example${index + 1}.ts`);
      virtual.set(path, { example, offset: prefix.length, text: `${prefix}${example.code}\n` });
    });
  }
  if (virtual.size === 0) return [];
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => virtual.has(path) || fileExists(path);
  host.readFile = (path) => virtual.get(path)?.text ?? readFile(path);
  host.getSourceFile = (path, language, onError, create) => {
    const entry = virtual.get(path);
    return entry
      ? ts.createSourceFile(path, entry.text, language, true, ts.ScriptKind.TS)
      : getSourceFile(path, language, onError, create);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems: ExampleProblem[] = [];
  for (const [path, { example, offset }] of virtual) {
    const source = program.getSourceFile(path);
    if (!source) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      if (diagnostic.start === undefined || diagnostic.start < offset) continue;
      const exampleLine =
        source.getLineAndCharacterOfPosition(diagnostic.start).line -
        source.getLineAndCharacterOfPosition(offset).line;
      problems.push({
        file: example.file,
        line: example.line + exampleLine,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      });
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line message`, the file relative to `root`. */
export function formatProblem(problem: ExampleProblem, root: string): string {
  return `${relative(root, problem.file)}:${problem.line} ${problem.message}`;
}

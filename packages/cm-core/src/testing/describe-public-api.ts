/**
 * Test-only: a reviewable text listing of a package entry's public API, for the golden tests
 * (each package's `public-api.spec.ts`, after nrwl/nx `packages/devkit/goldens.spec.ts`).
 *
 * One entry per exported name, sorted by name, separated by blank lines:
 * - functions: every call signature, as the checker prints it (`function f(a: string): number`);
 * - constants: their type (`const X: readonly string[]`);
 * - classes: heritage, constructor signatures, then each public instance and static member;
 * - interfaces, type aliases and enums: the declaration itself, comments removed.
 *
 * Types are printed with the checker from the package's own tsconfig, so a change to a parameter,
 * a return type or a field of a public type changes the text. Fragile: a type that public
 * declarations use but that the entry does not export shows only by name, so changes inside it
 * do not show here.
 *
 * Not built into `dist` (`tsconfig.json` excludes `src/testing/**`).
 */
import ts from 'typescript';

const FORMAT = ts.TypeFormatFlags.NoTruncation;
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** Exported names of `entry` and the text of each, sorted by name. */
export function describePublicApi(entry: string, tsconfig: string): string {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`[cm-core] cannot read ${tsconfig}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  });
  if (config === undefined) throw new Error(`[cm-core] cannot read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: [entry], options: config.options });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (source === undefined || moduleSymbol === undefined) throw new Error(`[cm-core] ${entry} is not a module`);

  const describe = (exported: ts.Symbol): string => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.name;
    const parts: string[] = [];
    if (symbol.flags & ts.SymbolFlags.Function) {
      const type = checker.getTypeOfSymbolAtLocation(symbol, source);
      for (const signature of type.getCallSignatures()) {
        parts.push(`function ${name}${checker.signatureToString(signature, undefined, FORMAT)}`);
      }
    }
    if (symbol.flags & ts.SymbolFlags.Variable) {
      parts.push(`const ${name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, source), undefined, FORMAT)}`);
    }
    if (symbol.flags & ts.SymbolFlags.Class) parts.push(describeClass(program, symbol, name, source));
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum)) {
      for (const declaration of symbol.declarations ?? []) {
        if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isEnumDeclaration(declaration)) {
          const text = printer.printNode(ts.EmitHint.Unspecified, declaration, declaration.getSourceFile());
          parts.push(text.replace(/^export (declare )?/, ''));
        }
      }
    }
    if (parts.length === 0) parts.push(`${name}: unknown kind (symbol flags ${symbol.flags})`);
    if (symbol.name !== name) parts.unshift(`// ${name} is an alias of ${symbol.name}`);
    return parts.join('\n');
  };

  return checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(describe)
    .join('\n\n');
}

/**
 * The whole golden text of a package entry: the runtime export names of `runtimeModule` (the
 * loaded entry), then `describePublicApi(entry, tsconfig)`.
 */
export function formatPublicApiGolden(packageName: string, runtimeModule: object, entry: string, tsconfig: string): string {
  return [
    `# Runtime exports of ${packageName} (\`Object.keys(await import(...))\`)`,
    ...Object.keys(runtimeModule).sort(),
    '',
    '# Every export of src/index.ts, with its kind and type (TypeScript checker)',
    describePublicApi(entry, tsconfig),
    '',
  ].join('\n');
}

/** Members the package declares and callers can use (not private, and not inherited from `Error` and the like). */
function isOwnPublicMember(program: ts.Program, member: ts.Symbol): boolean {
  if (member.name.startsWith('#') || member.name.startsWith('__')) return false;
  const declaration = member.valueDeclaration ?? member.declarations?.[0];
  if (declaration === undefined) return true;
  const file = declaration.getSourceFile();
  if (program.isSourceFileDefaultLibrary(file) || program.isSourceFileFromExternalLibrary(file)) return false;
  return (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

function describeClass(program: ts.Program, symbol: ts.Symbol, name: string, at: ts.Node): string {
  const checker = program.getTypeChecker();
  const declaration = symbol.declarations?.find(ts.isClassDeclaration);
  const heritage = (declaration?.heritageClauses ?? []).map((clause) => ` ${clause.getText()}`).join('');
  const lines = [`class ${name}${heritage}`];
  const staticType = checker.getTypeOfSymbolAtLocation(symbol, at);
  for (const signature of staticType.getConstructSignatures()) {
    lines.push(`  constructor${checker.signatureToString(signature, undefined, FORMAT)}`);
  }
  const member = (prefix: string) => (property: ts.Symbol): string =>
    `  ${prefix}${property.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(property, at), undefined, FORMAT)}`;
  const instance = checker.getDeclaredTypeOfSymbol(symbol);
  lines.push(...checker.getPropertiesOfType(instance).filter((property) => isOwnPublicMember(program, property)).map(member('')));
  lines.push(
    ...checker
      .getPropertiesOfType(staticType)
      .filter((property) => property.name !== 'prototype' && isOwnPublicMember(program, property))
      .map(member('static ')),
  );
  return lines.join('\n');
}

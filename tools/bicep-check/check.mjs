// Parses every .bicep file under the given folder with the tree-sitter Bicep grammar and fails, naming file,
// line and column, on the first syntax error in each. The grammar does not cover .bicepparam files, so for
// those it checks that every parameter they set is declared by the template they are `using`.
// No Bicep compiler can be installed here, so this is the syntax gate; resource schemas are checked by
// `az deployment group what-if` against a real subscription.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
const root = process.argv[2] ?? '../../bicep';

function bicepFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return bicepFiles(path);
    return /\.bicep(param)?$/.test(entry) ? [path] : [];
  });
}

function firstError(node) {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing || child.type === 'ERROR') {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return node.hasError ? node : null;
}

await Parser.init();
const bicep = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
const parser = new Parser();
parser.setLanguage(bicep);

/** Names of the parameters a .bicepparam sets that its template does not declare. */
function undeclaredParams(paramFile) {
  const text = readFileSync(paramFile, 'utf8');
  const using = text.match(/^using\s+'([^']+)'/m);
  if (!using) return ['(no using statement)'];
  const template = readFileSync(resolve(dirname(paramFile), using[1]), 'utf8');
  const declared = new Set([...template.matchAll(/^param\s+(\w+)\s/gm)].map((m) => m[1]));
  return [...text.matchAll(/^param\s+(\w+)\s*=/gm)].map((m) => m[1]).filter((name) => !declared.has(name));
}

const files = bicepFiles(root);
let failures = 0;
for (const file of files) {
  if (file.endsWith('.bicepparam')) {
    const unknown = undeclaredParams(file);
    if (unknown.length > 0) {
      console.log(`FAIL ${relative(process.cwd(), file)} sets undeclared parameters: ${unknown.join(', ')}`);
      failures++;
    } else {
      console.log(`ok   ${relative(process.cwd(), file)}`);
    }
    continue;
  }
  const tree = parser.parse(readFileSync(file, 'utf8'));
  if (tree.rootNode.hasError) {
    const at = firstError(tree.rootNode).startPosition;
    console.log(`FAIL ${relative(process.cwd(), file)}:${at.row + 1}:${at.column + 1} syntax error`);
    failures++;
  } else {
    console.log(`ok   ${relative(process.cwd(), file)}`);
  }
}
if (files.length === 0) {
  console.log(`no .bicep files under ${root}`);
  process.exit(1);
}
console.log(`bicep: ${files.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

// Checks every .bicep and .bicepparam file under the given folder with the tree-sitter Bicep grammar, and fails,
// naming file, line and rule, on:
//   syntax       a syntax error;
//   symbol       an identifier that is no parameter, variable, resource, module, output or loop variable here;
//   function     a call to something that is not a Bicep function;
//   module-path  a module whose file does not exist;
//   module-param a parameter passed to a module that it does not declare, or a required one not passed;
//   output       x.outputs.y where module x has no output y;
//   api-version  a resource type@version missing from api-versions.json;
//   preview      a -preview API version not allowed, with its reason, in api-versions.json's _previewAllowed;
//   using        a .bicepparam that sets a parameter its template does not declare, or misses a required one;
//   name         a resource name main.bicep computes that breaks its type's length or character rules, for
//                environment names of 1, 24 and 64 characters (names.mjs).
// No Bicep compiler can be installed here, so this is the gate; resource schemas are for
// `az deployment group what-if` against a real subscription.
//   node check.mjs ../../bicep          check the templates
//   node check.mjs --self-test          every fixture under fixtures/<rule>/ must fail with that rule
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';
import { checkNames } from './names.mjs';

const require = createRequire(import.meta.url);
const here = dirname(new URL(import.meta.url).pathname);
const apiVersions = JSON.parse(readFileSync(join(here, 'api-versions.json'), 'utf8'));
// The Bicep functions and decorators the templates may call (a typo is caught as an unknown function).
const FUNCTIONS = new Set(['allowed', 'any', 'array', 'base64', 'bool', 'concat', 'contains', 'dataUri',
  'deployment', 'description', 'empty', 'endsWith', 'environment', 'filter', 'first', 'format', 'guid', 'indexOf',
  'int', 'intersection', 'items', 'join', 'json', 'last', 'lastIndexOf', 'length', 'listKeys', 'map', 'max',
  'maxLength', 'maxValue', 'metadata', 'min', 'minLength', 'minValue', 'padLeft', 'range', 'readEnvironmentVariable',
  'reduce', 'reference', 'replace', 'resourceGroup', 'resourceId', 'secure', 'skip', 'split', 'startsWith',
  'string', 'subscription', 'subscriptionResourceId', 'substring', 'sys', 'take', 'tenant', 'toLower', 'toUpper',
  'trim', 'union', 'uniqueString', 'uri', 'utcNow']);
const DECLARATIONS = new Set(['parameter_declaration', 'variable_declaration', 'resource_declaration',
  'module_declaration', 'output_declaration']);

await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));

function bicepFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'fixtures' ? [] : bicepFiles(path);
    return /\.bicep(param)?$/.test(entry) ? [path] : [];
  });
}

function* walk(node) {
  yield node;
  for (const child of node.namedChildren) yield* walk(child);
}

function firstError(node) {
  for (const n of walk(node)) if (n.type === 'ERROR' || n.isMissing) return n;
  return node;
}

const stringValue = (node) => node.namedChildren.map((c) => c.text).join('');
const objectProperty = (object, key) => object?.namedChildren
  .find((p) => p.type === 'object_property' && p.namedChildren[0]?.text === key)?.namedChildren[1];

/** What a template declares: its parameters (and which are required), outputs, and every symbol. */
function declarations(tree) {
  const params = new Map();
  const outputs = new Set();
  const symbols = new Set();
  for (const node of tree.rootNode.namedChildren) {
    if (!DECLARATIONS.has(node.type)) continue;
    const name = node.namedChildren.find((c) => c.type === 'identifier')?.text;
    symbols.add(name);
    if (node.type === 'output_declaration') outputs.add(name);
    if (node.type === 'parameter_declaration') {
      const afterType = node.namedChildren.slice(node.namedChildren.findIndex((c) => c.type === 'type') + 1);
      params.set(name, { required: afterType.length === 0 });
    }
  }
  for (const node of walk(tree.rootNode)) {
    if (node.type === 'for_statement') {
      for (const variable of [node.childForFieldName('initializer'), ...node.namedChildren
        .filter((c) => c.type === 'for_variables').flatMap((c) => c.namedChildren)]) {
        if (variable?.type === 'identifier') symbols.add(variable.text);
      }
    }
    if (node.type === 'lambda_expression') {
      node.namedChildren.filter((c) => c.type === 'identifier').slice(0, -1).forEach((c) => symbols.add(c.text));
    }
  }
  return { params, outputs, symbols };
}

function parse(file) {
  return parser.parse(readFileSync(file, 'utf8'));
}

/** Every problem in one .bicep file, as {line, rule, message}. */
function checkTemplate(file) {
  const tree = parse(file);
  if (tree.rootNode.hasError) {
    return [{ line: firstError(tree.rootNode).startPosition.row + 1, rule: 'syntax', message: 'syntax error' }];
  }
  const problems = [];
  const report = (node, rule, message) => problems.push({ line: node.startPosition.row + 1, rule, message });
  const own = declarations(tree);
  const modules = new Map();
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === 'module_declaration') {
      const name = node.namedChildren[0].text;
      const path = resolve(dirname(file), stringValue(node.namedChildren[1]));
      if (!existsSync(path)) {
        report(node, 'module-path', `module ${name}: ${relative(process.cwd(), path)} does not exist`);
        continue;
      }
      const target = declarations(parse(path));
      modules.set(name, target);
      // The module's body: its object, also when it sits in an `if (…)` or a `[for …]`.
      const body = [...walk(node)].find((c) => c.type === 'object'
        && (c.parent.id === node.id || ['if_statement', 'for_statement'].includes(c.parent.type)));
      const passed = objectProperty(body, 'params');
      const given = new Set(passed?.namedChildren.filter((p) => p.type === 'object_property')
        .map((p) => p.namedChildren[0].text) ?? []);
      for (const param of given) {
        if (!target.params.has(param)) report(node, 'module-param', `module ${name} declares no parameter ${param}`);
      }
      for (const [param, { required }] of target.params) {
        if (required && !given.has(param)) report(node, 'module-param', `module ${name} needs parameter ${param}`);
      }
    }
    if (node.type === 'resource_declaration') {
      const [type, version] = stringValue(node.namedChildren[1]).split('@');
      if (!(apiVersions[type] ?? []).includes(version)) {
        report(node, 'api-version', `${type}@${version} is not in api-versions.json`);
      }
      if (version.endsWith('-preview') && !apiVersions._previewAllowed[`${type}@${version}`]) {
        report(node, 'preview', `${type}@${version} is a preview API version; use a GA one, or allow it with a reason`);
      }
    }
  }
  for (const node of walk(tree.rootNode)) {
    if (node.type === 'member_expression' && node.childForFieldName('property')?.text !== undefined) {
      const object = node.childForFieldName('object');
      if (object?.type === 'member_expression' && object.childForFieldName('property')?.text === 'outputs') {
        const module = modules.get(object.childForFieldName('object')?.text);
        const output = node.childForFieldName('property').text;
        if (module && !module.outputs.has(output)) {
          report(node, 'output', `${object.childForFieldName('object').text}.outputs.${output} does not exist`);
        }
      }
    }
    if (node.type !== 'identifier') continue;
    const parent = node.parent;
    if (DECLARATIONS.has(parent.type) && parent.namedChildren[0].id === node.id) continue;
    if (parent.type === 'object_property' && parent.namedChildren[0].id === node.id) continue;
    if (parent.type === 'type' || parent.type === 'for_variables' || parent.type === 'lambda_expression') continue;
    if (parent.type === 'call_expression' && parent.childForFieldName('function')?.id === node.id) {
      if (!FUNCTIONS.has(node.text)) report(node, 'function', `${node.text}() is not a Bicep function`);
      continue;
    }
    if (parent.type === 'for_statement' && parent.childForFieldName('initializer')?.id === node.id) continue;
    if (!own.symbols.has(node.text)) report(node, 'symbol', `${node.text} is not declared`);
  }
  if (problems.length === 0 && file.endsWith('main.bicep')) {
    // The entry template: the names it and its modules compute, for the matrix of environment names.
    for (const p of checkNames(file, parse)) {
      problems.push({ line: Number(p.at.split(':').pop()), rule: 'name', message: `${p.at}: ${p.message}` });
    }
  }
  return problems;
}

/** A .bicepparam: its template exists, every parameter it sets is declared there, every required one is set. */
function checkParams(file) {
  const tree = parse(file);
  const using = tree.rootNode.namedChildren.find((c) => c.type === 'using_statement');
  if (!using) return [{ line: 1, rule: 'using', message: 'no using statement' }];
  const templateFile = resolve(dirname(file), stringValue(using.namedChildren[0]));
  if (!existsSync(templateFile)) return [{ line: 1, rule: 'using', message: `${templateFile} does not exist` }];
  const template = declarations(parse(templateFile));
  const set = tree.rootNode.namedChildren.filter((c) => c.type === 'parameter_declaration');
  const problems = set.filter((p) => !template.params.has(p.namedChildren[0].text)).map((p) => ({
    line: p.startPosition.row + 1, rule: 'using', message: `sets ${p.namedChildren[0].text}, which the template does not declare`,
  }));
  const names = new Set(set.map((p) => p.namedChildren[0].text));
  for (const [param, { required }] of template.params) {
    if (required && !names.has(param)) problems.push({ line: 1, rule: 'using', message: `does not set required ${param}` });
  }
  return problems;
}

const check = (file) => (file.endsWith('.bicepparam') ? checkParams(file) : checkTemplate(file));

if (process.argv[2] === '--self-test') {
  // Each fixtures/<rule>/ holds templates with one planted fault of that rule: the check must name it.
  let missed = 0;
  for (const rule of readdirSync(join(here, 'fixtures'))) {
    const dir = join(here, 'fixtures', rule);
    const found = readdirSync(dir).filter((f) => /\.bicep(param)?$/.test(f) && !f.startsWith('_'))
      .flatMap((f) => check(join(dir, f)));
    const caught = found.some((p) => p.rule === rule);
    console.log(`${caught ? 'ok  ' : 'MISS'} fixture ${rule}${caught ? '' : `: got ${JSON.stringify(found)}`}`);
    if (!caught) missed++;
  }
  process.exit(missed === 0 ? 0 : 1);
}

const root = process.argv[2] ?? '../../bicep';
const files = bicepFiles(root);
let failures = 0;
for (const file of files) {
  const problems = check(file);
  for (const p of problems) console.log(`FAIL ${relative(process.cwd(), file)}:${p.line} [${p.rule}] ${p.message}`);
  if (problems.length === 0) console.log(`ok   ${relative(process.cwd(), file)}`);
  failures += problems.length > 0 ? 1 : 0;
}
if (files.length === 0) {
  console.log(`no .bicep files under ${root}`);
  process.exit(1);
}
console.log(`bicep: ${files.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

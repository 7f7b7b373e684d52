// The `name` rule: every resource name that main.bicep and its modules compute, evaluated for a matrix of
// environment names (1, 24 and 64 characters, the longest azd accepts, with digits and upper case), against the
// resource type's documented length and character rules. A name whose expression this evaluator cannot follow
// is a failure too, so a new construct cannot slip past unchecked.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

// uniqueString() is 13 characters of [a-z0-9]; its value does not matter here, its length does.
const UNIQUE = 'a1b2c3d4e5f6g';
export const ENVIRONMENT_NAMES = ['A', 'Media-Prod-01-EastUS2-Ab', 'Tenant-Media-Prod-01-' + 'X9'.repeat(21) + 'z'];

// Documented limits (Azure naming rules for each resource provider).
const RULES = {
  'Microsoft.Web/serverfarms': { min: 1, max: 60, chars: /^[A-Za-z0-9-]+$/ },
  'Microsoft.Web/sites': { min: 2, max: 60, chars: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/ },
  'Microsoft.Web/staticSites': { min: 2, max: 40, chars: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/ },
  'Microsoft.Storage/storageAccounts': { min: 3, max: 24, chars: /^[a-z0-9]+$/ },
  'Microsoft.DocumentDB/databaseAccounts': { min: 3, max: 44, chars: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/ },
  'Microsoft.ServiceBus/namespaces': { min: 6, max: 50, chars: /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/ },
  'Microsoft.KeyVault/vaults': { min: 3, max: 24, chars: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/ },
  'Microsoft.ManagedIdentity/userAssignedIdentities': { min: 3, max: 128, chars: /^[A-Za-z0-9][A-Za-z0-9_-]*$/ },
  'Microsoft.OperationalInsights/workspaces': { min: 4, max: 63, chars: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/ },
  'Microsoft.Insights/components': { min: 1, max: 260, chars: /^[^%&\\?/]+$/ },
  'Microsoft.EventGrid/systemTopics': { min: 3, max: 128, chars: /^[A-Za-z0-9-]+$/ },
  'Microsoft.Insights/actionGroups': { min: 1, max: 260, chars: /^[^%&\\?/]+$/ },
  'Microsoft.Insights/metricAlerts': { min: 1, max: 260, chars: /^[^*#&+:<>?@%{}\\/]+$/ },
  'Microsoft.Insights/scheduledQueryRules': { min: 1, max: 260, chars: /^[^*#&+:<>?@%{}\\/]+$/ },
};

const named = (node, type) => node.namedChildren.filter((c) => c.type === type);
const property = (object, key) => object?.namedChildren
  .find((p) => p.type === 'object_property' && p.namedChildren[0]?.text === key)?.namedChildren[1];

/** One template's declarations, evaluated lazily in a scope of given parameter values. */
class Template {
  constructor(file, parse, givenParams) {
    this.file = file;
    this.parse = parse;
    this.root = parse(file).rootNode;
    this.given = givenParams;
    this.cache = new Map();
    this.declared = new Map();
    this.outputs = new Map();
    for (const node of this.root.namedChildren) {
      const id = node.namedChildren.find((c) => c.type === 'identifier')?.text;
      if (id) (node.type === 'output_declaration' ? this.outputs : this.declared).set(id, node);
    }
  }

  symbol(name, locals) {
    if (locals && name in locals) return locals[name];
    if (this.cache.has(name)) return this.cache.get(name);
    const node = this.declared.get(name);
    if (!node) throw new Error(`unknown symbol ${name}`);
    let value;
    if (node.type === 'parameter_declaration') {
      if (this.given.has(name)) value = this.given.get(name)();
      else {
        const def = node.namedChildren[node.namedChildren.length - 1];
        if (def.type === 'type' || def.type === 'primitive_type') throw new Error(`parameter ${name} has no value`);
        value = this.eval(def);
      }
    } else if (node.type === 'variable_declaration') {
      value = this.eval(node.namedChildren[node.namedChildren.length - 1]);
    } else if (node.type === 'module_declaration') {
      value = { module: this.module(node) };
    } else if (node.type === 'resource_declaration') {
      value = { resource: node, template: this };
    } else throw new Error(`cannot evaluate ${node.type} ${name}`);
    this.cache.set(name, value);
    return value;
  }

  module(node) {
    const path = resolve(dirname(this.file), node.namedChildren[1].namedChildren.map((c) => c.text).join(''));
    const body = node.namedChildren.find((c) => c.type === 'object')
      ?? node.namedChildren.find((c) => c.type === 'if_statement')?.namedChildren.find((c) => c.type === 'object');
    const params = new Map();
    for (const p of property(body, 'params')?.namedChildren.filter((c) => c.type === 'object_property') ?? []) {
      params.set(p.namedChildren[0].text, () => this.eval(p.namedChildren[1]));
    }
    return existsSync(path) ? new Template(path, this.parse, params) : null;
  }

  eval(node, locals) {
    switch (node.type) {
      case 'string':
        return node.namedChildren.map((c) => (c.type === 'interpolation' ? String(this.eval(c.namedChildren[0], locals))
          : c.type === 'escape_sequence' ? JSON.parse(`"${c.text.replace("\\'", "'")}"`) : c.text)).join('');
      case 'number': return Number(node.text);
      case 'boolean': return node.text === 'true';
      case 'identifier': return this.symbol(node.text, locals);
      case 'parenthesized_expression': return this.eval(node.namedChildren[0], locals);
      case 'array': return node.namedChildren.map((c) => this.eval(c, locals));
      case 'object': return Object.fromEntries(named(node, 'object_property')
        .map((p) => [p.namedChildren[0].text, () => this.eval(p.namedChildren[1], locals)]));
      case 'member_expression': return this.member(this.eval(node.namedChildren[0], locals), node.namedChildren[1].text);
      case 'call_expression': return this.call(node.namedChildren[0].text,
        node.namedChildren[1].namedChildren.map((a) => this.eval(a, locals)));
      default: throw new Error(`cannot evaluate ${node.type}: ${node.text.slice(0, 60)}`);
    }
  }

  member(value, key) {
    if (value?.module && key === 'outputs') return { outputsOf: value.module };
    if (value?.outputsOf) {
      const output = value.outputsOf.outputs.get(key);
      return value.outputsOf.eval(output.namedChildren[output.namedChildren.length - 1]);
    }
    if (value?.resource && key === 'name') return this.resourceName(value.resource, value.template);
    const field = value?.[key];
    if (typeof field === 'function') return field();
    if (field === undefined) throw new Error(`no member ${key}`);
    return field;
  }

  resourceName(node, template) {
    const body = node.namedChildren.find((c) => c.type === 'object')
      ?? node.namedChildren.find((c) => c.type === 'if_statement')?.namedChildren.find((c) => c.type === 'object');
    return template.eval(property(body, 'name'));
  }

  call(name, args) {
    switch (name) {
      case 'take': return args[0].slice(0, args[1]);
      case 'toLower': return args[0].toLowerCase();
      case 'toUpper': return args[0].toUpperCase();
      case 'replace': return args[0].split(args[1]).join(args[2]);
      case 'uniqueString': return UNIQUE;
      case 'string': return String(args[0]);
      case 'substring': return args[0].substring(args[1], args[2] === undefined ? undefined : args[1] + args[2]);
      case 'resourceGroup': return { name: 'rg', location: 'westeurope', id: '/rg' };
      case 'subscription': return { id: '/sub', subscriptionId: 'sub' };
      case 'tenant': return { tenantId: 'tenant' };
      default: throw new Error(`cannot evaluate ${name}()`);
    }
  }

  /** Every resource this template and its modules create, with its type and evaluated name(s). */
  * resources(where) {
    for (const node of this.root.namedChildren) {
      if (node.type === 'module_declaration') {
        const module = this.symbol(node.namedChildren[0].text).module;
        if (module) yield* module.resources(module.file);
      }
      if (node.type !== 'resource_declaration' || node.children.some((c) => c.type === 'existing')) continue;
      const type = node.namedChildren[1].namedChildren.map((c) => c.text).join('').split('@')[0];
      if (!RULES[type]) continue;
      const loop = node.namedChildren.find((c) => c.type === 'for_statement');
      const line = node.startPosition.row + 1;
      try {
        if (loop) {
          const variable = loop.namedChildren[0].text;
          for (const item of this.eval(loop.namedChildren[1])) {
            yield { where, line, type, name: this.eval(property(named(loop, 'object')[0], 'name'), { [variable]: item }) };
          }
        } else {
          yield { where, line, type, name: this.resourceName(node, this) };
        }
      } catch (e) {
        yield { where, line, type, error: e.message };
      }
    }
  }
}

/** Problems with the names main.bicep computes, for each environment name of the matrix. */
export function checkNames(mainFile, parse) {
  const problems = [];
  for (const environment of ENVIRONMENT_NAMES) {
    const main = new Template(mainFile, parse, new Map([['environmentName', () => environment]]));
    for (const r of main.resources(mainFile)) {
      const rule = RULES[r.type];
      const at = `${relative(process.cwd(), r.where)}:${r.line}`;
      if (r.error) {
        problems.push({ at, message: `${r.type}: cannot evaluate its name (${r.error})` });
      } else if (r.name.length < rule.min || r.name.length > rule.max || !rule.chars.test(r.name)) {
        problems.push({ at, message: `${r.type} name "${r.name}" (${r.name.length} characters, environment`
          + ` "${environment}") breaks its rule: ${rule.min}-${rule.max} characters matching ${rule.chars}` });
      }
    }
  }
  return problems;
}

// @ts-check
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The layering rule (design.md "Folders"), in the manner of VS Code's
 * `code-import-patterns`: each layer lists what it MAY import — other layers by name,
 * and packages — and everything else is an error. An allow-list cannot forget a new
 * folder or a new package the way a deny-list can.
 *
 * Options: `{ root, layers: [{ name, folders, layers, packages }] }` where `folders`
 * are repository folders the layer owns, `layers` the other layers it may import, and
 * `packages` the package names it may import (`node:` for Node's built-ins, `*` for
 * any package but those listed in `notPackages`).
 */

const NODE_BUILTINS = new Set(builtinModules);

/** @param {string} specifier */
function packageName(specifier) {
  if (specifier.startsWith('node:')) return 'node:';
  const [first, second] = specifier.split('/');
  const name = first?.startsWith('@') ? `${first}/${second}` : (first ?? specifier);
  return NODE_BUILTINS.has(name) ? 'node:' : name;
}

/**
 * @typedef {{ name: string, folders: string[], layers: string[], packages: string[], notPackages?: string[] }} Layer
 * @param {Layer[]} layers
 * @param {string} relative a path relative to the repository, with forward slashes
 */
function layerOf(layers, relative) {
  return layers.find((layer) => layer.folders.some((folder) => relative === folder || relative.startsWith(`${folder}/`)));
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list names (design.md "Folders").' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: '{{from}} may not import {{to}} ({{what}}): {{from}} may import {{allowed}}.',
      package: '{{from}} may not import the package "{{name}}": {{from}} may import {{allowed}}.',
    },
  },
  create(context) {
    const { root, layers } = /** @type {{ root: string, layers: Layer[] }} */ (context.options[0]);
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const own = layerOf(layers, file);
    if (!own) return {};

    /** @param {import('estree').Node} node @param {string} specifier */
    function check(node, specifier) {
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), specifier)).split(path.sep).join('/');
        const to = layerOf(layers, target);
        if (to === own || (to && own.layers.includes(to.name))) return;
        // A folder in no layer (tests/, scripts/, …) is not for any layer to import.
        context.report({ node, messageId: 'layer', data: { from: own.name, to: to?.name ?? target, what: specifier, allowed: describe(own) } });
        return;
      }
      const name = packageName(specifier);
      const allowed = own.packages.includes(name) || (own.packages.includes('*') && name !== 'node:' && !(own.notPackages ?? []).includes(name));
      if (!allowed) context.report({ node, messageId: 'package', data: { from: own.name, name: name === 'node:' ? `${specifier} (a Node built-in)` : name, allowed: describe(own) } });
    }

    /** @param {Layer} layer */
    function describe(layer) {
      const packages = layer.packages.map((p) => (p === 'node:' ? 'Node built-ins' : p === '*' ? `packages${layer.notPackages?.length ? ` but ${layer.notPackages.join(', ')}` : ''}` : p));
      const all = [...layer.layers, ...packages];
      return all.length ? all.join(', ') : 'only itself';
    }

    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source && typeof node.source.value === 'string') check(node, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value);
      },
    };
  },
};

export default { rules: { 'allowed-imports': allowedImports } };

#!/usr/bin/env node
// Builds the shim into one directory a partner can host as is:
//
//   node web/build.mjs --out DIR --widget DIR
//
//   finaptic-chat.js          ES module entry (eager: launcher, element, mount); ≤ 8 KB gzip -9
//   finaptic-chat.classic.js  the same for a classic <script>: IIFE, one global (window.FinapticChat)
//   finaptic-chat-ui.js       lazy ES module: panel, composer, accessibility mirror, wasm bridge
//   finaptic-chat.css         every rule of the shim (fallback <link> where adoptedStyleSheets is missing)
//   locales/*.json            string tables (web/locales)
//   finaptic-chat-widget.js, finaptic-chat.wasm              copied from --widget DIR if present
//   finaptic-chat-headless.js, .wasm   finaptic-chat/headless: the SDK (web/src/headless.js) with
//                             the wasm build's glue bundled in, and its wasm (from --widget DIR)
//   finaptic-chat-pii.wasm    the PII detector (widget/pii), and
//   pii-names.bin             its name table (32 KiB): both fetched when the core first needs the guard
//                             (web/src/pii-module.js)
//
// --widget DIR is the wasm build's widget directory (build/wasm/widget). The wasm may be named
// finaptic-chat.wasm or finaptic-chat-widget.wasm there; it is always finaptic-chat.wasm here (the
// shim compiles it itself and hands it to the glue through instantiateWasm).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const EAGER_LIMIT = 8 * 1024;   // gzip -9 bytes of finaptic-chat.js

function args() {
  const a = { out: path.join(repo, 'build/wasm/dist'), widget: path.join(repo, 'build/wasm/widget'), sourcemap: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--out' || k === '--widget') a[k.slice(2)] = path.resolve(argv[++i] || '');
    else if (k === '--sourcemap') a.sourcemap = true;
    else if (k === '--help' || k === '-h') {
      console.log('usage: node web/build.mjs [--out DIR] [--widget DIR] [--sourcemap]');
      process.exit(0);
    } else {
      console.error(`build.mjs: unknown option ${k}`);
      process.exit(2);
    }
  }
  return a;
}

const opts = args();
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
fs.mkdirSync(opts.out, { recursive: true });

// CSS: minified, imported by the JS as text (constructable stylesheets), and as one file.
async function minifyCss(file) {
  const r = await esbuild.transform(fs.readFileSync(file, 'utf8'), { loader: 'css', minify: true, target: ['chrome97', 'safari15', 'firefox102'] });
  return r.code.trim();
}
const css = {
  [path.join(here, 'src/launcher.css')]: await minifyCss(path.join(here, 'src/launcher.css')),
  [path.join(here, 'src/panel.css')]: await minifyCss(path.join(here, 'src/panel.css')),
};
const cssText = {
  name: 'css-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, (a) => ({ contents: `export default ${JSON.stringify(css[a.path])};`, loader: 'js' }));
  },
};
// The classic build finds its files from document.currentScript instead of import.meta.url.
const classicBase = {
  name: 'classic-base',
  setup(b) {
    b.onResolve({ filter: /base-url\.js$/ }, () => ({ path: path.join(here, 'src/base-url.classic.js') }));
  },
};

// The few strings the shim's own DOM shows before locales/<locale>.json has arrived (the launcher's
// name first of all), taken from the English table so web/locales/en.json stays the one source.
const SHIM_KEYS = ['launcher.open', 'launcher.close', 'launcher.unread', 'composer.label', 'composer.placeholder',
  'panel.label', 'panel.loading', 'panel.loadError', 'panel.retry', 'mirror.messages', 'mirror.failed', 'mirror.options',
  'copy.done', 'copy.failed'];
const english = JSON.parse(fs.readFileSync(path.join(here, 'locales/en.json'), 'utf8'));
const shimStrings = Object.fromEntries(SHIM_KEYS.map((k) => {
  if (typeof english[k] !== 'string') throw new Error(`web/locales/en.json has no string "${k}"`);
  return [k, english[k]];
}));

// The locales a table ships for (locales/<locale>.json): the shim negotiates among them.
const localeNames = fs.readdirSync(path.join(here, 'locales')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

const common = {
  bundle: true,
  minify: true,
  sourcemap: opts.sourcemap,
  legalComments: 'none',
  target: ['chrome97', 'safari15', 'firefox102', 'edge97'],   // 'wasm-unsafe-eval' browsers
  define: { __FC_VERSION__: JSON.stringify(pkg.version),
            __FC_DEFAULT_STRINGS__: JSON.stringify(shimStrings), __FC_LOCALES__: JSON.stringify(localeNames) },
  logLevel: 'warning',
  plugins: [cssText],
};
// The headless SDK bundles the emscripten glue of the wasm build (widget/headless); it imports it as
// 'finchat:headless-glue'. Built only when the wasm tree has it.
const headlessGlue = path.join(opts.widget, 'finaptic-chat-headless.js');
const haveHeadless = fs.existsSync(headlessGlue);
const glue = {
  name: 'headless-glue',
  setup(b) {
    b.onResolve({ filter: /^finchat:headless-glue$/ }, () => ({ path: headlessGlue }));
    // Node-only imports stay dynamic imports in the output; browsers never reach them.
    b.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, external: true }));
  },
};
await Promise.all([
  haveHeadless && esbuild.build({ ...common, entryPoints: [path.join(here, 'src/headless.js')], format: 'esm',
    outfile: path.join(opts.out, 'finaptic-chat-headless.js'), plugins: [glue] }),
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/entry.js')], format: 'esm', outfile: path.join(opts.out, 'finaptic-chat.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/classic.js')], format: 'iife', outfile: path.join(opts.out, 'finaptic-chat.classic.js'), plugins: [cssText, classicBase] }),
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/ui.js')], format: 'esm', outfile: path.join(opts.out, 'finaptic-chat-ui.js') }),
]);
fs.writeFileSync(path.join(opts.out, 'finaptic-chat.css'), `${css[path.join(here, 'src/launcher.css')]}\n${css[path.join(here, 'src/panel.css')]}\n`);

// String tables.
const locales = path.join(here, 'locales');
fs.mkdirSync(path.join(opts.out, 'locales'), { recursive: true });
if (fs.existsSync(locales)) {
  for (const f of fs.readdirSync(locales).filter((x) => x.endsWith('.json'))) {
    JSON.parse(fs.readFileSync(path.join(locales, f), 'utf8'));   // a broken table fails the build
    fs.copyFileSync(path.join(locales, f), path.join(opts.out, 'locales', f));
  }
}

// The widget build's files.
const copied = [];
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied.push(path.relative(opts.out, to));
};
if (fs.existsSync(opts.widget)) {
  const glue = path.join(opts.widget, 'finaptic-chat-widget.js');
  if (fs.existsSync(glue)) copy(glue, path.join(opts.out, 'finaptic-chat-widget.js'));
  for (const name of ['finaptic-chat.wasm', 'finaptic-chat-widget.wasm']) {
    const f = path.join(opts.widget, name);
    if (fs.existsSync(f)) {
      copy(f, path.join(opts.out, 'finaptic-chat.wasm'));
      break;
    }
  }
  const headlessWasm = path.join(opts.widget, 'finaptic-chat-headless.wasm');
  if (fs.existsSync(headlessWasm)) copy(headlessWasm, path.join(opts.out, 'finaptic-chat-headless.wasm'));
  // The PII detector and its name table, fetched by the widget and the SDK when the chat first needs
  // the guard.
  for (const name of ['finaptic-chat-pii.wasm', 'pii-names.bin']) {
    const f = path.join(opts.widget, name);
    if (fs.existsSync(f)) copy(f, path.join(opts.out, name));
  }
}
const missing = ['finaptic-chat-widget.js', 'finaptic-chat.wasm'].filter((f) => !fs.existsSync(path.join(opts.out, f)));

// Sizes.
const rows = [];
const list = (dir, prefix = '') => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) list(path.join(dir, e.name), `${prefix}${e.name}/`);
    else if (!e.name.endsWith('.map')) {
      const bytes = fs.readFileSync(path.join(dir, e.name));
      rows.push([prefix + e.name, bytes.length, zlib.gzipSync(bytes, { level: 9 }).length]);
    }
  }
};
list(opts.out);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`finaptic-chat ${pkg.version} → ${opts.out}`);
console.log(`${'file'.padEnd(width)}  ${'bytes'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
for (const [f, raw, gz] of rows) console.log(`${f.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gz).padStart(9)}`);
const eager = rows.find((r) => r[0] === 'finaptic-chat.js')[2];
const classic = rows.find((r) => r[0] === 'finaptic-chat.classic.js')[2];
console.log(`eager entry: ${eager} B gzip -9 (classic ${classic} B), limit ${EAGER_LIMIT} B`);
if (missing.length) console.log(`note: no ${missing.join(', ')} in ${opts.widget} (build the wasm tree first); the launcher works, the panel will not load`);
if (Math.max(eager, classic) > EAGER_LIMIT) {
  console.error(`build.mjs: the eager entry is over ${EAGER_LIMIT} B gzip -9`);
  process.exit(1);
}

#!/usr/bin/env node
// Download-size report (prints figures; never fails on size). Node only, no dependencies:
// gzip level 9 and brotli quality 11 through node:zlib.
//
//   node tests/bench/size_report.mjs DIST_DIR
//       (a) the eagerly loaded set: finaptic-chat.js or finaptic-chat.classic.js, whichever is
//           larger gzipped (a page loads one of them), target <= 8 KB gzip;
//       (b) the full widget: every .js/.mjs/.wasm/.css/font file under DIST_DIR (subfolders too),
//           without the classic duplicate of the entry and without source maps, target <= 200 KB gzip;
//       (d) the headless SDK (finaptic-chat/headless): finaptic-chat-headless.js + .wasm, target
//           <= 64 KB gzip (amazon-connect-chatjs alone, with no handoff and no templates: 76.6 KB gzip).
//           Not part of (b): a page loads the widget or the headless SDK.
//       Each .wasm of (b) and (d) is then split into its code and data sections (gzip-9 of each alone)
//       with its largest data segments: a segment whose gzip size is close to its raw size is
//       incompressible data (the PII name table's Bloom filter), a lever apart from the code.
//       (e) finaptic-chat-pii.wasm (the PII detector, widget/pii) and pii-names.bin (its name table),
//           which both fetch only when the core asks for them (not in (b)/(d)): when the chat starts if
//           the partner's piiPolicy masks or asks about NAME, otherwise at the customer's first message
//           or first keystroke in the composer (the default policy: a chat opened and never written in
//           never fetches them).
//   node tests/bench/size_report.mjs --pair build/wasm/widget/finchat_browser_smoke.js [X.wasm]
//       one emscripten output (the .js loader and its .wasm; the .wasm defaults to the .js name).
//   node tests/bench/size_report.mjs --top N X.wasm
//       the N largest functions of a wasm built with --profiling-funcs (names from the name
//       section, demangled with c++filt when it is installed) and the code/data section sizes.
// KB = 1024 bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';

const EAGER_GZIP_TARGET = 8 * 1024;
const FULL_GZIP_TARGET = 200 * 1024;
const HEADLESS_GZIP_TARGET = 64 * 1024;
const HEADLESS_FILES = ['finaptic-chat-headless.js', 'finaptic-chat-headless.wasm'];
const ON_DEMAND_FILES = ['finaptic-chat-pii.wasm', 'pii-names.bin'];   // (e)
const FONT_EXT = new Set(['.woff2', '.woff', '.ttf', '.otf']);
const ASSET_EXT = new Set(['.js', '.mjs', '.wasm', '.css', ...FONT_EXT]);

function sizes(file) {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const kb = (n) => (n / 1024).toFixed(1);
const pad = (s, n) => String(s).padStart(n);

function table(title, rows, target) {
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
                            { raw: 0, gzip: 0, brotli: 0 });
  const width = Math.max(24, ...rows.map((r) => r.name.length));
  console.log(`\n${title}`);
  console.log(`  ${'file'.padEnd(width)} ${pad('raw', 9)} ${pad('gzip-9', 9)} ${pad('brotli-11', 9)}`);
  for (const r of rows)
    console.log(`  ${r.name.padEnd(width)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
  let verdict = '';
  if (target) verdict = `   target <= ${kb(target)} KB gzip: ${total.gzip <= target ? 'PASS' : 'OVER'}`;
  console.log(`  ${'total'.padEnd(width)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}` +
              `   (${kb(total.raw)} / ${kb(total.gzip)} / ${kb(total.brotli)} KB)${verdict}`);
  return total;
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

function distReport(dir) {
  const row = (file) => ({ name: path.relative(dir, file), ...sizes(file) });
  const entries = ['finaptic-chat.js', 'finaptic-chat.classic.js']
    .map((n) => path.join(dir, n)).filter((f) => fs.existsSync(f)).map(row);
  console.log(`dist: ${dir}`);
  if (entries.length === 0) {
    console.log('  (no finaptic-chat.js or finaptic-chat.classic.js: eager set not reported)');
  } else {
    const eager = entries.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    table('(a) eagerly loaded (the larger entry)', [eager], EAGER_GZIP_TARGET);
  }
  const classic = path.join(dir, 'finaptic-chat.classic.js');
  const headless = HEADLESS_FILES.map((n) => path.join(dir, n));
  const all = walk(dir).filter((f) => !headless.includes(f));
  // The PII detector and its name table: fetched when the core asks for them (Conversation::piiWanted),
  // so the panel never waits for them (widget/pii, core/names/README.md).
  const onDemand = all.filter((f) => ON_DEMAND_FILES.includes(path.relative(dir, f)));
  const files = all.filter((f) => ASSET_EXT.has(path.extname(f).toLowerCase()) && f !== classic && !onDemand.includes(f));
  table('(b) full widget (what a chat downloads: js, wasm, css, fonts; classic entry and source maps excluded)',
    files.map(row), FULL_GZIP_TARGET);
  for (const f of files.filter((x) => x.endsWith('.wasm'))) wasmContents(f, path.relative(dir, f));
  if (onDemand.length) {
    table('(e) when the core asks for it (the PII detector and its name table: at the chat\'s start if piiPolicy masks or ' +
          'asks about NAME, else at the first keystroke or message; a message that needs the guard waits for them)',
          onDemand.map(row));
    for (const f of onDemand.filter((x) => x.endsWith('.wasm'))) wasmContents(f, path.relative(dir, f));
  }
  const other = all.filter((f) => !files.includes(f) && !onDemand.includes(f));
  if (other.length) console.log(`  not counted: ${other.map((f) => path.relative(dir, f)).join(', ')}`);
  if (headless.every((f) => fs.existsSync(f))) {
    table('(d) headless SDK (finaptic-chat/headless: its module and wasm; instead of the widget, not with it)',
      headless.map(row), HEADLESS_GZIP_TARGET);
    wasmContents(headless[1], path.basename(headless[1]));
  } else {
    console.log('\n(d) headless SDK: no finaptic-chat-headless.js/.wasm in the dist directory');
  }
}

function pairReport(js, wasm) {
  wasm ??= js.replace(/\.m?js$/, '.wasm');
  const rows = [js, wasm].map((f) => ({ name: path.basename(f), ...sizes(f) }));
  table(`emscripten output: ${path.dirname(js)}`, rows, 0);
}

// --- wasm contents ------------------------------------------------------------------------------
function leb(b, i) {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// Code and data sections of a wasm, and its largest active data segments.
function wasmContents(file, label) {
  const b = fs.readFileSync(file);
  let i = 8, code = null, data = null;
  const segments = [];
  while (i < b.length) {
    const id = b[i++];
    let size; [size, i] = leb(b, i);
    const end = i + size;
    if (id === 10) code = b.subarray(i, end);
    if (id === 11) {
      data = b.subarray(i, end);
      let [count, j] = leb(b, i);
      for (let k = 0; k < count && j < end; k++) {
        let flags; [flags, j] = leb(b, j);
        if (flags === 2) [, j] = leb(b, j);
        if (flags !== 1) { while (b[j] !== 0x0b) j++; j++; }   // the offset expression (i32.const N; end)
        let len; [len, j] = leb(b, j);
        segments.push(b.subarray(j, j + len));
        j += len;
      }
    }
    i = end;
  }
  if (!code || !data) return;
  const top = segments.sort((x, y) => y.length - x.length).slice(0, 3)
    .map((seg) => `${seg.length}/${gz(seg)}`).join(', ');
  console.log(`  ${label}: code ${code.length} raw, ${gz(code)} gzip; data ${data.length} raw, ${gz(data)} gzip` +
              ` (largest segments raw/gzip: ${top})`);
}

// --- name-section breakdown ---------------------------------------------------------------------

function topFunctions(file, n) {
  const b = fs.readFileSync(file);
  let i = 8, imported = 0;
  const bodies = [], names = new Map(), sections = [];
  while (i < b.length) {
    const id = b[i++];
    let size; [size, i] = leb(b, i);
    const end = i + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
                 'element', 'code', 'data', 'datacount'][id] ?? `#${id}`;
    if (id === 2) {                    // imports: functions among them take the first indices
      let [count, j] = leb(b, i);
      for (let k = 0; k < count; k++) {
        let len; [len, j] = leb(b, j); j += len; [len, j] = leb(b, j); j += len;
        const kind = b[j++];
        if (kind === 0) { [, j] = leb(b, j); imported++; }
        else if (kind === 1) { j++; let fl; [fl, j] = leb(b, j); [, j] = leb(b, j); if (fl & 1) [, j] = leb(b, j); }
        else if (kind === 2) { let fl; [fl, j] = leb(b, j); [, j] = leb(b, j); if (fl & 1) [, j] = leb(b, j); }
        else if (kind === 3) j += 2;
      }
    } else if (id === 10) {
      let [count, j] = leb(b, i);
      for (let k = 0; k < count; k++) { const start = j; let len; [len, j] = leb(b, j); j += len; bodies.push(j - start); }
    } else if (id === 0) {
      let [len, j] = leb(b, i);
      label = b.subarray(j, j + len).toString();
      j += len;
      if (label === 'name') {
        while (j < end) {
          const sub = b[j++]; let ss; [ss, j] = leb(b, j); const se = j + ss;
          if (sub === 1) {
            let count; [count, j] = leb(b, j);
            for (let k = 0; k < count; k++) {
              let idx; [idx, j] = leb(b, j); [len, j] = leb(b, j);
              names.set(idx, b.subarray(j, j + len).toString()); j += len;
            }
          }
          j = se;
        }
      }
    }
    sections.push(`${label} ${size}`);
    i = end;
  }
  console.log(`${file}\n  sections: ${sections.join(', ')}`);
  if (names.size === 0) console.log('  (no name section: link with --profiling-funcs for function names)');
  let fns = bodies.map((size, k) => ({ size, name: names.get(imported + k) ?? `f${imported + k}` }));
  const filt = spawnSync('c++filt', { input: fns.map((f) => f.name).join('\n'), encoding: 'utf8' });
  if (filt.status === 0) {
    const lines = filt.stdout.split('\n');
    fns = fns.map((f, k) => ({ ...f, name: lines[k] || f.name }));
  }
  fns.sort((a, b) => b.size - a.size);
  const total = fns.reduce((t, f) => t + f.size, 0);
  console.log(`  code: ${total} bytes in ${fns.length} functions; largest ${n}:`);
  for (const f of fns.slice(0, n)) console.log(`  ${pad(f.size, 7)}  ${f.name.slice(0, 160)}`);
}

const args = process.argv.slice(2);
if (args[0] === '--pair' && args[1]) pairReport(args[1], args[2]);
else if (args[0] === '--top' && args[2]) topFunctions(args[2], Number(args[1]) || 40);
else if (args.length === 1 && !args[0].startsWith('-')) distReport(args[0]);
else {
  console.error('usage: size_report.mjs DIST_DIR | --pair X.js [X.wasm] | --top N X.wasm');
  process.exit(2);
}

// text-raster.js: message text shaped, laid out and rasterised by the browser (widget/BRIDGE.md,
// host.textLayout / host.textRaster).
//
// ImGui 1.86 draws only glyphs baked into its atlas: no emoji, no bidi, no shaping. Message bodies
// therefore come here. C++ sends a message's rich text as a small JSON spec (blocks of styled runs,
// colours, font size); this module
//   - breaks it into lines: Intl.Segmenter word boundaries decide where a line may break (after
//     white space; between two words of a script written without spaces, e.g. Chinese or Thai);
//     a word wider than the line is cut between grapheme clusters;
//   - gives each paragraph (block) its direction from its first strong character, like dir=auto,
//     and aligns right-to-left paragraphs to the right edge;
//   - orders a line's styled pieces visually (a piece is text in one style: plain, bold, link,
//     code): pieces whose direction is opposite to the paragraph's are reversed as a group, and
//     inside a piece the browser's own bidi runs (each piece is drawn with the paragraph's base
//     direction), so a line in one style is exactly what the browser would draw;
//   - reports the box (width, height) and the rectangles of links for hit-testing, in CSS px;
//   - rasterises at device pixels into an (Offscreen)Canvas that the glue uploads as a texture, in
//     tiles of at most a given height, so a very long message is never one huge texture.
// Measuring is injectable (tests run this under node with a fake measurer).

const RTL_CHAR = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const STRONG_CHAR = /\p{L}/u;
// Scripts written without spaces between words: a line may break between two of their words.
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WHITE = /^\s+$/u;

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", ' +
  '"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", "Noto Sans CJK SC", ' +
  'sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"';
const MONO_FAMILY = 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace';
// Transparent margin around the text box in the bitmap: marks above and below the line box (Thai,
// Devanagari, Arabic) and italic overhang are not clipped.
export const PAD = 3;

// 'rtl', 'ltr' or null (no strong character): the first strong character decides (dir=auto).
export function strongDirection(text) {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) return 'rtl';
    if (STRONG_CHAR.test(ch)) return 'ltr';
  }
  return null;
}

function fontOf(run, px, family) {
  if (run.c) return `${Math.round(px * 0.93)}px ${MONO_FAMILY}`;
  return `${run.i ? 'italic ' : ''}${run.b ? 600 : 400} ${px}px ${family}`;
}

// Browsers without Intl.Segmenter (Firefox before 125): words between white space, code points.
const hasSegmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function';
let wordSegmenter, graphemeSegmenter;
function words(text) {
  if (!hasSegmenter) {
    return Array.from(text.matchAll(/\s+|\S+/gu), (m) => ({ segment: m[0], index: m.index, isWordLike: !/\s/u.test(m[0]) }));
  }
  wordSegmenter ||= new Intl.Segmenter(undefined, { granularity: 'word' });
  return Array.from(wordSegmenter.segment(text));
}
function graphemes(text) {
  if (!hasSegmenter) return Array.from(text);
  graphemeSegmenter ||= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

// The atoms of one block: pieces of word segments split at run boundaries and hard line breaks,
// each saying whether a line may break before it.
function atomsOf(block) {
  const runs = block.r || [];
  const text = runs.map((r) => r.t).join('');
  const runAt = [];
  runs.forEach((r, i) => { for (let k = 0; k < r.t.length; k++) runAt.push(i); });
  const atoms = [];
  let prev = null;
  for (const seg of words(text)) {
    const s = seg.segment;
    const ws = WHITE.test(s);
    let brk = false;
    if (prev) {
      brk = prev.ws || (seg.isWordLike && (prev.isWordLike || NO_SPACE_SCRIPT.test(s[0]) || NO_SPACE_SCRIPT.test(prev.last)));
    }
    // Split at run boundaries and at '\n' (a hard break inside a run).
    const emit = (from, to) => {
      if (to <= from) return;
      const t = s.slice(from, to);
      atoms.push({ t, run: runAt[seg.index + from], brk, ws: WHITE.test(t) });
      brk = false;
    };
    let start = 0;
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '\n') {
        emit(start, k);
        atoms.push({ nl: true });
        start = k + 1;
        brk = false;
      } else if (k > start && runAt[seg.index + k] !== runAt[seg.index + start]) {
        emit(start, k);
        start = k;
      }
    }
    emit(start, s.length);
    prev = { ws, isWordLike: seg.isWordLike, last: s[s.length - 1] };
  }
  return atoms;
}

// Visual order of a line's pieces (left to right) for a paragraph direction.
function visualOrder(pieces, dir) {
  const opposite = dir === 'rtl' ? 'ltr' : 'rtl';
  const strong = pieces.map((p) => strongDirection(p.text));
  const level = strong.map((d, i) => {
    if (d) return d === opposite ? 1 : 0;
    // Neutral: opposite only between two opposite pieces.
    let before = null, after = null;
    for (let k = i - 1; k >= 0 && !before; k--) before = strong[k];
    for (let k = i + 1; k < strong.length && !after; k++) after = strong[k];
    return before === opposite && after === opposite ? 1 : 0;
  });
  // Reversed pieces are drawn in their own direction (white space at their ends lands on the
  // correct side), the others in the paragraph's.
  pieces.forEach((p, i) => { p.drawDir = level[i] ? opposite : dir; });
  const out = [];
  for (let i = 0; i < pieces.length;) {
    if (!level[i]) { out.push(pieces[i++]); continue; }
    let j = i;
    while (j < pieces.length && level[j]) j++;
    for (let k = j - 1; k >= i; k--) out.push(pieces[k]);
    i = j;
  }
  return dir === 'rtl' ? out.reverse() : out;
}

// Lays a spec out for a width. measure(font, text) -> CSS px.
// Returns {w, h, px, lh, family, lines: [{top, pieces: [{x, w, text, run, font}], dir}], markers: [...],
// links: [{link, x, y, w, h}]}. spec.ff: the theme's font families, tried before `stack`.
export function layoutText(spec, maxW, measure, stack = FONT_FAMILY) {
  const family = spec.ff ? `${spec.ff}, ${stack}` : stack;   // the theme's fonts first
  const px = spec.px || 15;
  const lh = spec.lh || Math.round(px * 1.4);
  const indentW = spec.indent || 18;
  const lines = [];
  const markers = [];
  let y = 0;
  let first = true;
  for (const block of spec.blocks || []) {
    if (!first) y += lh + (block.g ? Math.round(lh * 0.4) : 0);
    first = false;
    const runs = block.r || [];
    const dir = strongDirection(runs.map((r) => r.t).join('')) || 'ltr';
    const indent = block.k ? indentW : 0;
    const avail = Math.max(1, maxW - indent);
    if (block.k) {
      const text = block.k === 1 ? '\u2022' : `${block.n}.`;
      markers.push({ top: y, text, dir, w: measure(fontOf({}, px, family), text) });
    }
    const width = (a) => (a.w ??= measure(fontOf(runs[a.run], px, family), a.t));
    let line = [];
    let lineX = 0;
    const blockLines = [];
    const flush = () => {
      while (line.length && line[line.length - 1].ws) line.pop();
      blockLines.push(line);
      line = [];
      lineX = 0;
    };
    // Words: atoms from one break opportunity to the next.
    const atoms = atomsOf(block);
    for (let i = 0; i < atoms.length;) {
      if (atoms[i].nl) { flush(); i++; continue; }
      let j = i + 1;
      while (j < atoms.length && !atoms[j].nl && !atoms[j].brk) j++;
      const word = atoms.slice(i, j);
      i = j;
      let inkW = 0, allW = 0;
      for (const a of word) {
        allW += width(a);
        if (!a.ws) inkW = allW;
      }
      if (line.length && lineX + inkW > avail) flush();
      if (!line.length) {
        while (word.length && word[0].ws) word.shift();   // no white space at the start of a line
        if (!word.length) continue;
        allW = word.reduce((s, a) => s + width(a), 0);
        inkW = allW;
      }
      if (inkW > avail && !line.length) {
        // Longer than a line: cut between grapheme clusters.
        for (const a of word) {
          for (const g of graphemes(a.t)) {
            const gw = measure(fontOf(runs[a.run], px, family), g);
            if (line.length && lineX + gw > avail) flush();
            line.push({ t: g, run: a.run, ws: false, w: gw });
            lineX += gw;
          }
        }
        continue;
      }
      line.push(...word);
      lineX += allW;
    }
    flush();
    // Pieces: neighbouring atoms of one run, measured as a whole (shaping across atoms).
    blockLines.forEach((atomsOfLine, li) => {
      if (li > 0) y += lh;
      // A line in one style is one piece (the browser's bidi does it all). With several styles,
      // a piece also ends where the direction of its words changes, so reordering can follow.
      const oneRun = atomsOfLine.every((a) => a.run === atomsOfLine[0].run);
      const pieces = [];
      for (const a of atomsOfLine) {
        const last = pieces[pieces.length - 1];
        const d = oneRun ? null : strongDirection(a.t);
        if (last && last.run === a.run && (!d || !last.dir || d === last.dir)) {
          last.text += a.t;
          last.dir ||= d;
        } else pieces.push({ text: a.t, run: a.run, dir: d });
      }
      // White space at the ends of a piece against the paragraph's direction is neutral: it stays
      // in logical order between its neighbours, outside the reversed group (UBA rules N1/N2).
      const opposite = dir === 'rtl' ? 'ltr' : 'rtl';
      for (let i = pieces.length - 1; i >= 0 && !oneRun; i--) {
        const p = pieces[i];
        if (strongDirection(p.text) !== opposite) continue;
        const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(p.text);
        const parts = [lead, core, trail].filter(Boolean).map((text) => ({ text, run: p.run }));
        pieces.splice(i, 1, ...parts);
      }
      let lineW = 0;
      for (const p of pieces) {
        p.font = fontOf(runs[p.run], px, family);
        p.w = measure(p.font, p.text);
        p.style = runs[p.run];
        lineW += p.w;
      }
      lines.push({ top: y, dir, indent, w: lineW, pieces: visualOrder(pieces, dir) });
    });
  }
  const contentW = lines.reduce((m, l) => Math.max(m, l.w + l.indent), 0);
  const w = Math.max(8, Math.min(maxW, Math.ceil(contentW)));
  const h = y + lh;
  const links = [];
  for (const l of lines) {
    let x = l.dir === 'rtl' ? w - l.indent - l.w : l.indent;
    for (const p of l.pieces) {
      p.x = x;
      if (p.style.l >= 0 && !WHITE.test(p.text)) links.push({ link: p.style.l, x, y: l.top, w: p.w, h: Math.round(px * 1.3) });
      x += p.w;
    }
  }
  for (const m of markers) m.x = m.dir === 'rtl' ? w - m.w : 0;
  return { w, h, px, lh, family, lines, markers, links };
}

// The bridge half: host.textLayout / host.textRaster for one page (shared by widget instances).
export function createTextRaster({ family = FONT_FAMILY, createCanvas } = {}) {
  const make = createCanvas || ((w, h) => {
    if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(w, h);
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  });
  const measureCtx = make(1, 1).getContext('2d');
  const widths = new Map();   // font + text -> px; bounded
  function measure(font, text) {
    const key = `${font}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (measureCtx.font !== font) measureCtx.font = font;
      w = measureCtx.measureText(text).width;
      if (widths.size > 20000) widths.clear();
      widths.set(key, w);
    }
    return w;
  }
  // The last layouts (tiles of one message come one after another).
  const recent = new Map();
  function layoutOf(specJson, maxW) {
    const key = `${maxW}\u0000${specJson}`;
    let l = recent.get(key);
    if (!l) {
      l = layoutText(JSON.parse(specJson), maxW, measure, family);
      if (recent.size > 64) recent.delete(recent.keys().next().value);
      recent.set(key, l);
    }
    return l;
  }
  let canvas = null;
  return {
    // [w, h, linkCount, (link, x, y, w, h)...] in CSS px.
    layout(specJson, maxW) {
      const l = layoutOf(specJson, maxW);
      const out = [l.w, l.h, l.links.length];
      for (const r of l.links) out.push(r.link, r.x, r.y, r.w, r.h);
      return out;
    },
    // The bitmap of device-pixel rows [top, top + height) of the padded box (PAD around the text).
    raster(specJson, maxW, dpr, top, height) {
      const spec = JSON.parse(specJson);
      const l = layoutOf(specJson, maxW);
      const pw = Math.ceil((l.w + 2 * PAD) * dpr);
      if (!canvas) canvas = make(pw, height);
      if (canvas.width !== pw || canvas.height !== height) {
        canvas.width = pw;
        canvas.height = height;
      }
      const ctx = canvas.getContext('2d');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr, 0, 0, dpr, PAD * dpr, PAD * dpr - top);
      ctx.textBaseline = 'alphabetic';
      ctx.textAlign = 'left';
      const baseline = Math.round(l.lh * 0.5 + l.px * 0.36);
      const y0 = top / dpr - PAD, y1 = (top + height) / dpr - PAD;
      const visible = (t) => t + l.lh + PAD >= y0 && t - PAD <= y1;
      for (const m of l.markers) {
        if (!visible(m.top)) continue;
        ctx.font = fontOf({}, l.px, l.family);
        ctx.direction = m.dir;
        ctx.fillStyle = spec.ink;
        ctx.fillText(m.text, m.x, m.top + baseline);
      }
      for (const line of l.lines) {
        if (!visible(line.top)) continue;
        for (const p of line.pieces) {
          ctx.direction = p.drawDir;
          const link = p.style.l >= 0;
          if (p.style.c) {
            ctx.fillStyle = spec.code;
            ctx.beginPath();
            if (ctx.roundRect) ctx.roundRect(p.x - 2, line.top + 1, p.w + 4, l.lh - 2, 3);
            else ctx.rect(p.x - 2, line.top + 1, p.w + 4, l.lh - 2);
            ctx.fill();
          }
          ctx.font = p.font;
          ctx.fillStyle = link ? spec.link : spec.ink;
          ctx.fillText(p.text, p.x, line.top + baseline);
          if (link) ctx.fillRect(p.x, line.top + baseline + Math.max(1, Math.round(l.px * 0.12)), p.w, 1);
        }
      }
      return canvas;
    },
  };
}

// Message text laid out by the browser (web/src/text-raster.js), under node with a fake measurer
// (10 px per grapheme cluster): where lines break (white space; between words of Chinese and Thai;
// long words between grapheme clusters, never inside an emoji sequence or after a combining mark),
// each paragraph's direction from its first strong character, right-aligned RTL paragraphs, the
// visual order of mixed-direction styled pieces, and the link rectangles used for hit-testing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutText, strongDirection } from '../../web/src/text-raster.js';

const clusters = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const measure = (font, text) => Array.from(clusters.segment(text)).length * 10;
const para = (...runs) => ({ k: 0, r: runs.map((r) => (typeof r === 'string' ? { t: r, l: -1 } : { l: -1, ...r })) });
const lay = (maxW, ...blocks) => layoutText({ px: 15, lh: 21, blocks }, maxW, measure);
const lineTexts = (l) => l.lines.map((line) => line.pieces.map((p) => p.text).join(''));
const visual = (line) => line.pieces.map((p) => p.text.trim()).filter(Boolean);

test('strongDirection: the first strong character decides, like dir=auto', () => {
  assert.equal(strongDirection('hello שלום'), 'ltr');
  assert.equal(strongDirection('123, שלום hello'), 'rtl');
  assert.equal(strongDirection('  مرحبا'), 'rtl');
  assert.equal(strongDirection('नमस्ते'), 'ltr');
  assert.equal(strongDirection('👍 123 !'), null);
});

test('Latin wraps at spaces, words whole, no line wider than the box, no white space at line ends', () => {
  const l = lay(100, para('hello world this is a long line of text'));
  assert.deepEqual(lineTexts(l), ['hello', 'world this', 'is a long', 'line of', 'text']);
  for (const line of l.lines) assert.ok(line.w <= 100, `${line.w}`);
  assert.equal(l.w, 100);
  assert.equal(l.h, 5 * 21);
});

test('an RTL paragraph is right-aligned in its box; an LTR one left-aligned', () => {
  const l = lay(300, para('שלום עולם'), para('hello'));
  assert.equal(l.lines[0].dir, 'rtl');
  assert.equal(l.lines[0].pieces[0].x + l.lines[0].w, l.w);
  assert.equal(l.lines[1].dir, 'ltr');
  assert.equal(l.lines[1].pieces[0].x, 0);
});

test('a link inside Arabic text: pieces in visual order, and its rectangle where it is drawn', () => {
  const l = lay(300, para('مرحبا ', { t: 'https://x.com', l: 0 }, ' شكرا لك'));
  assert.equal(l.lines.length, 1);
  // Right to left: مرحبا first (rightmost), then the link, then شكرا لك (leftmost).
  assert.deepEqual(visual(l.lines[0]), ['شكرا لك', 'https://x.com', 'مرحبا']);
  assert.equal(l.links.length, 1);
  const link = l.lines[0].pieces[1];
  assert.deepEqual(l.links[0], { link: 0, x: link.x, y: 0, w: 130, h: Math.round(15 * 1.3) });
  assert.equal(link.x, 80);
  // The link reads left to right; the Arabic pieces right to left.
  assert.equal(link.drawDir, 'ltr');
  assert.equal(l.lines[0].pieces[0].drawDir, 'rtl');
});

test('bold Arabic inside an English sentence: the Arabic words keep their right-to-left order', () => {
  const l = lay(400, para('Hello مرحبا ', { t: 'شكرا', b: 1 }, ' bye'));
  // Logical: Hello [مرحبا][شكرا] bye; visually the Arabic pair reverses as a group.
  assert.deepEqual(visual(l.lines[0]), ['Hello', 'شكرا', 'مرحبا', 'bye']);
});

test('Chinese breaks between words, punctuation never starts a line', () => {
  const l = lay(60, para('你好世界，我们今天去银行办理业务。'));
  assert.ok(l.lines.length >= 3);
  for (const t of lineTexts(l)) {
    assert.ok(!/^[，。！]/u.test(t), `line starts with punctuation: ${t}`);
    assert.ok(measure('', t) <= 60, t);
  }
  assert.equal(lineTexts(l).join(''), '你好世界，我们今天去银行办理业务。');
});

test('Thai breaks only between words (dictionary segmentation), never inside a cluster', () => {
  const text = 'สวัสดีครับขอบคุณมากครับ';
  const l = lay(80, para(text));
  assert.ok(l.lines.length > 1);
  assert.equal(lineTexts(l).join(''), text);
  const words = Array.from(new Intl.Segmenter('th', { granularity: 'word' }).segment(text), (s) => s.index);
  let at = 0;
  for (const t of lineTexts(l)) {
    assert.ok(words.includes(at), `a line starts inside a word at ${at}`);
    at += t.length;
  }
});

test('a word longer than the line is cut between grapheme clusters (emoji sequences and marks stay whole)', () => {
  const text = 'e\u0301'.repeat(6) + '👩‍💻'.repeat(6);
  const l = lay(40, para(text));
  assert.equal(lineTexts(l).join(''), text);
  for (const t of lineTexts(l)) {
    assert.ok(!/^\u0301/u.test(t), 'a combining mark starts a line');
    assert.ok(!/^\u200D/u.test(t) && !/\u200D$/u.test(t), 'a ZWJ sequence was cut');
    assert.ok(measure('', t) <= 40);
  }
});

test('hard line breaks, list markers on the paragraph\'s start side, and a link that wraps has a rectangle per line', () => {
  const l = lay(200, para('line1\nline2 👍'), { k: 1, r: [{ t: 'שלום', l: -1 }] }, { k: 2, n: 3, r: [{ t: 'pay', l: -1 }] });
  assert.deepEqual(lineTexts(l), ['line1', 'line2 👍', 'שלום', 'pay']);
  const [rtlMarker, ltrMarker] = l.markers;
  assert.equal(rtlMarker.dir, 'rtl');
  assert.equal(rtlMarker.x + rtlMarker.w, l.w);
  assert.equal(ltrMarker.text, '3.');
  assert.equal(ltrMarker.x, 0);
  assert.equal(l.lines[3].pieces[0].x, 18);   // the list indent
  const wrapped = lay(100, para('see ', { t: 'aaaa bbbb cccc dddd', l: 2 }));
  assert.ok(wrapped.links.length >= 2);
  assert.ok(wrapped.links.every((r) => r.link === 2 && r.x + r.w <= 100));
  assert.deepEqual([...new Set(wrapped.links.map((r) => r.y))].length, wrapped.links.length);
});

test('white space next to a reversed piece stays between its logical neighbours', () => {
  // "echo: مرحبا <link> شكرا" in an English paragraph: one space on each side of مرحبا.
  const l = lay(400, para('echo: مرحبا ', { t: 'https://x.com', l: 0 }, ' شكرا'));
  const line = l.lines[0];
  assert.equal(line.pieces.map((p) => p.text).join('|'), 'echo: |مرحبا| |https://x.com| |شكرا');
  assert.equal(l.links.length, 1);
  // An Arabic paragraph with a Latin word: the spaces around EUR stay on both sides of it.
  const a = lay(600, para('تحويل 250 EUR إلى ', { t: 'حساب', b: 1 }));
  // (pieces left to right; Arabic pieces are drawn right to left, so their trailing space is on their left)
  assert.deepEqual(a.lines[0].pieces.map((p) => p.text), ['حساب', 'إلى ', ' ', 'EUR', 'تحويل 250 ']);
  assert.deepEqual(a.lines[0].pieces.map((p) => p.drawDir), ['rtl', 'rtl', 'rtl', 'ltr', 'rtl']);
});

test("the theme's font families (spec.ff) are measured and drawn first, the stack after them", () => {
  const fonts = [];
  const record = (font, text) => { fonts.push(font); return measure(font, text); };
  const blocks = [{ k: 1, r: [{ t: 'hello ', l: -1 }, { t: 'world', l: -1, b: 1 }] }];
  const themed = layoutText({ px: 15, lh: 21, ff: '"Acme Sans", Arial', blocks }, 300, record, 'system-ui, sans-serif');
  assert.ok(fonts.length > 0 && fonts.every((f) => f.endsWith('px "Acme Sans", Arial, system-ui, sans-serif')), fonts.join(' | '));
  assert.equal(themed.family, '"Acme Sans", Arial, system-ui, sans-serif');   // the bullet marker's font when rastered
  assert.ok(themed.lines[0].pieces.every((p) => p.font.includes('"Acme Sans", Arial, system-ui')));
  fonts.length = 0;
  const plain = layoutText({ px: 15, lh: 21, blocks }, 300, record, 'system-ui, sans-serif');
  assert.ok(fonts.every((f) => f.endsWith('px system-ui, sans-serif')), fonts.join(' | '));
  assert.equal(plain.family, 'system-ui, sans-serif');
});

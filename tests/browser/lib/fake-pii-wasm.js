// Stand-ins for finaptic-chat-pii.wasm with its C ABI (widget/pii/pii_module.cpp), written byte by
// byte (no toolchain needed): the shim test's detector, and a broken one for the widget's fail-closed
// test. Test fixtures; never shipped.
'use strict';

// fp_detect finds one CREDIT_DEBIT_NUMBER quad (type 0, bytes 5-24, score 0.98) in whatever it is
// given; with { trap: true } it executes `unreachable` instead (a detector that crashes mid-call).
function fakePiiWasm({ trap = false } = {}) {
  const section = (id, ...items) => { const body = [items.length, ...items.flat()]; return [id, body.length, ...body]; };
  const name = (s) => [s.length, ...Buffer.from(s)];
  const i32 = 0x7f;
  const quad = Buffer.alloc(16);
  [0, 5, 24, 9800].forEach((v, i) => quad.writeInt32LE(v, 4 * i));
  const body = (...code) => [code.length + 1, 0, ...code];   // no locals
  const detect = trap ? body(0x00, 0x0b) : body(0x41, 1, 0x0b);   // unreachable | i32.const 1
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [0x60, 1, i32, 1, i32], [0x60, 1, i32, 0], [0x60, 2, i32, i32, 1, i32], [0x60, 0, 1, i32]),
    ...section(3, [0], [1], [2], [3], [2]),                    // fp_alloc, fp_free, fp_detect, fp_results, fp_names
    ...section(5, [0, 1]),                                     // one page
    ...section(7, [...name('memory'), 2, 0], [...name('fp_alloc'), 0, 0], [...name('fp_free'), 0, 1],
      [...name('fp_detect'), 0, 2], [...name('fp_results'), 0, 3], [...name('fp_names'), 0, 4]),
    ...section(10, body(0x41, 0x80, 0x08, 0x0b), body(0x0b), detect, body(0x41, 0xf0, 0xff, 3, 0x0b),
      body(0x41, 1, 0x0b)),                                    // 1024; -; 1 match (or a trap); 65520; accepted
    ...section(11, [0, 0x41, 0xf0, 0xff, 3, 0x0b, 16, ...quad]),   // the quad at 65520, past what fp_alloc hands out
  ]);
}

module.exports = { fakePiiWasm };

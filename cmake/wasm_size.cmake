# Download size of the wasm targets we ship (the widget, and finchat_browser_smoke standing in for its
# core part). Included once in the wasm tree (emcmake). `node tests/bench/size_report.mjs` prints the
# figures; scripts/bench.sh runs it.
#
# finchat_wasm_size (INTERFACE; link it PRIVATE into the shipped targets and their own libraries):
#   compile  -Oz            smallest code
#            -finline-functions
#                           emcc's -Oz/-Os also pass -fno-inline-functions (its INLINING_LIMIT), which
#                           marks every function not declared inline noinline: even a static helper
#                           with one caller stays a call, LTO included. Undone here; the inliner
#                           still works to -Oz's (minsize) threshold.
#            -flto          objects are bitcode: the final link inlines and drops code across our files
#                           and libc++'s headers (with -flto at link, emscripten also links its LTO
#                           builds of libc/libc++)
#            -fno-rtti      nothing uses typeid or dynamic_cast; every std::function lambda would
#                           otherwise carry a type_info and its mangled name (~10 KB in the core alone)
#            -mbulk-memory -msign-ext -mnontrapping-fptoint
#                           memory.copy/fill, sign extension and saturating float->int as single
#                           instructions (ImGui converts floats to ints everywhere). Chrome 75,
#                           Firefox 79, Safari 15, Node 16 have all three.
#   link     -sMALLOC=emmalloc     a smaller allocator than dlmalloc (~6 KB); fine for a chat's heap
#            -sSUPPORT_LONGJMP=0   no setjmp/longjmp anywhere
#            -sTEXTDECODER=2       always the browser's TextDecoder, no JS fallback decoder
#            -Wl,-mllvm,-enable-merge-functions
#                                  LLVM's MergeFunctions in the LTO link: bodies identical in IR (the
#                                  same template instantiated for same-layout types, twin std::function
#                                  thunks) become one; a function whose address is taken keeps its own
#                                  symbol as a thunk, so pointer identity holds (rustc has it on by default)
# The core's own compile options (core/CMakeLists.txt) are the same (FINCHAT_WASM_SIZE_COMPILE_OPTIONS).
#
# Measured on the widget wasm (gzip -9; 2026-12, 252.5 KB before):
#   LTO's link-time optimisation at its default (O2) vs --lto-O0: 9.2 KB smaller (vs --lto-O1: 9.2 KB
#   smaller too); -mllvm -inline-threshold=0 at the link changes nothing (the inlining LTO does is of
#   single-call statics); a second `wasm-opt -Oz --converge` over the output: 0.9 KB, not applied (a
#   minute more per link). ImGui's printf/sscanf through widget/model/small_stdio and no strtod in
#   the widget (Json::asNearDouble): 7.6 KB (musl's float printf/scanf and 128-bit soft-float gone).
#
# Measured 2026-12 (session 3): KB of `gzip -9` of the widget wasm / the headless wasm, from 252.6 /
# 113.2. Attribution first: size_report.mjs --top over a --profiling-funcs link. Kept:
#   one container family, std::map and std::vector (no unordered_map, no deque) in Transcript and the
#     browser platform, with no snprintf in the widget (text_runs' colours through core's
#     formatColor: musl's printf_core, long-double pop_arg and stdio gone) and sinf for the widget's
#     two double sin calls: -6.5 / -5.4 (headless code -12.5 KB raw: hash tables, __next_prime, the
#     deque and its split buffers)
#   the widget's maps ordered too (view model, text cache, chat window, template views): -2.7 / 0
#   -mbulk-memory -msign-ext -mnontrapping-fptoint (compile and link): -1.1 / +0.06
#   the GL3 backend's fprintf(stderr) through small_stdio to the browser console
#     (widget/app/imgui_stdio.cpp): printf_core and musl's stdio gone: -2.6 / 0
#   -sINCOMING_MODULE_JS_API (the glue reads only what the shim passes): JS glue -0.3 / -0.3
# Measured, not applied:
#   -sEVAL_CTORS=1: +0.45 / -0.14;  -sWASM_BIGINT: 0 / 0;  the three features at the link only: 0
#   (LTO takes them from the bitcode);  _LIBCPP_ABI_OPTIMIZED_FUNCTION (libc++'s policy-table
#   std::function, for the whole wasm tree): headless -0.45, not worth an ABI switch.
# Where the bytes are (estimated gzip KB of code): headless ~94: PII scanners 15, templates 14,
#   ChatSession 15 (half of it its lambdas), Conversation 9, libc++ containers/strings/other 13,
#   headless entry 5, JSON 5, codecs 5, transcript 4, markdown 3, browser platform 2. The widget adds
#   ImGui ~34 and its own code ~40.
#
# Measured 2026-12 (session 3, fontless): KB of `gzip -9` of the widget wasm, from 250.1 (534.6 KB raw):
#   ImGui's atlas without font data: ImFontAtlas::Build replaced at the link (widget/CMakeLists.txt
#     --wrap, widget/app/fonts.cpp: a metrics-only font and a 1x1 white texture). ImGui's Build
#     references AddFontDefault (ProggyClean, base85 + stb_decompress) and stb_truetype whatever the
#     widget calls, and the stb builder the mouse-cursor pixels: all gone. -23.4 (raw -40.7: code
#     -25.2, data -15.4); no ImGuiConfigFlags/ImFontAtlasFlags alone drops any of it (the flags are
#     tested at run time, so the data stays referenced).
#   fc_bench's sample texts and templates from the bench page (tests/bench/widget-page/samples.json,
#     passed as JSON through fc_bench's third argument): -1.2 (raw -3.8); the eager entry +0.07
#     (core.js copies the JSON into wasm memory).
#
# Measured 2026-12 (session 4, split): KB of `gzip -9`, widget wasm 238.3 / its glue 8.1; headless
# wasm 132.2 / glue 3.9 (the --pair outputs before dist bundling).
#   Splitting the wasm so that templates and attachments load on demand does not pay with emscripten
#   3.1.6 (Debian; its lto-pic/pic system libraries are in the frozen cache, so it links offline):
#   dynamic linking, every object -fPIC and -sMAIN_MODULE=2, with everything still in the main module:
#   widget wasm 238.2 -> 254.3 (+16.1; raw 509.3 -> 590.3 KB: every data address and function pointer
#   through __memory_base/__table_base, data relocations applied at start), glue 8.1 -> 12.2 (+4.1,
#   the dylink loader); headless wasm 132.0 -> 145.1 (+13.0), glue +3.3. And emcc refuses
#   -sDYNAMIC_EXECUTION=0 with RELOCATABLE, which the strict-CSP page relies on. What could move to a
#   side module (marginal gzip of the code if it were gone, --profiling-funcs link): template code
#   with its views and every attachment function 25.3 (headless 23.9) — at most ~5 KB net before the
#   exports the side module needs from the main one. A second, independent wasm instance (own runtime,
#   C ABI) can take only the pure template functions (parse/build, placeholders, text fallback): 7.0
#   marginal, less a decoder for its result in the main module: under the 10 KB that would pay for the
#   complexity. Not built.
#   Kept (app/link_trims.cpp, --wrap at the widget's link):
#     sinf/cosf from model/small_math.h instead of musl's (whose exact argument reduction carries
#       __rem_pio2f and the 2.7 KB incompressible 2/pi table of __rem_pio2_large): -3.7
#     [both dropped at the merge with trim, which removed ImGui's context: nothing installs handlers
#     or hashes IDs any more] no .ini handler for ImGui tables (ImGui::TableSettingsInstallHandler: the widget draws no
#       table and keeps no .ini): -1.3
#   the text spec's pixel sizes through Json::fixed (3 decimals) instead of Json(double): the widget's
#     only double written to JSON, so nlohmann's Grisu2 and its 1.3 KB table of cached powers go: -1.9
#   ImGui's IDs by FNV-1a (model/id_hash.h; ImHashData/ImHashStr wrapped) instead of its CRC-32, whose
#     1 KB lookup table does not compress: -1.2
#   no pow: the theme's sRGB → linear x^2.4 by Newton (core/src/theme.cpp pow24) -0.75, the scroll
#     inertia's 0.95^(dt/16.7) through model/small_math.h smallExp -0.78 (musl's pow/powf, their
#     log/exp tables)
#   widget wasm 238.3 -> 228.6 (code 211.1 -> 207.0, data 23.4 -> 17.8); the headless wasm unchanged.
# Measured 2026-12 (session 4, trim): KB of `gzip -9` of the widget wasm / the headless wasm, from
# 231.1 / 127.8 (236652 / 130911 B). Attribution: size_report.mjs --top over a --profiling-funcs link
# (ImGui's code was 73.6 KB raw, 59 KB of it window machinery the widget never shows). Kept:
#   no ImGui frame (widget/app/canvas.cpp): the window draws into its own ImDrawList, the canvas
#     computes what it read of ImGui::NewFrame (mouse press/release edges, movement, the clock, the
#     cursor) and hands the list to the GL3 backend itself; the context is made without
#     ImGui::Initialize. NewFrame, Begin/End (NewFrame's implicit "Debug" window), Render, navigation,
#     popups, scrollbars, settings handlers: gone. ImGui's code 73.6 -> 12.0 KB raw: -33.9 / 0
#   no invisible-text fallback (a host without host.textLayout is refused by fc_init, code 4): the
#     ImGui-font layout of message bodies and labels, ImFont glyphs and its lookup table, AddText,
#     CalcTextSizeA, CalcWordWrapPositionA: -3.3 / 0
#   small_stdio cut to what is still reached (the GL3 backend's fprintf "%s"/"%d" and sscanf "%d";
#     ImGui's ImFormatString and ini readers are no longer linked): no float or width/flag formatting,
#     no general scanf: -2.7 / 0
#   -finline-functions after emcc's -fno-inline-functions (compile options, so the core too):
#     -13.8 / -10.7 (195838 -> 181680 B, 130911 -> 119958 B). The same with -Os instead of -Oz:
#     headless 177674 B (+56.4 KB) and the widget link misses calloc: not applied.
#   no ImGui context, font atlas or GL3 backend (the canvas renders the draw list itself with one
#     shader program and a 1x1 white texture; FrameInput replaces ImGuiIO): ImGuiContext's constructor
#     (4.4 KB raw alone), the backend's state save/restore, the --wrap'd atlas build and the stdio
#     (fprintf/sscanf) only the backend called: -3.7 / 0 (181680 -> 177884 B; raw -10.8 KB). Of ImGui
#     the link now keeps imgui_draw.cpp's ImDrawList and ImDrawListSharedData.
#   [the same lever as split's Json::fixed above; at the merge Json::fixed was kept, cssPx dropped]
#   the text spec's px/lh as whole numbers or 1/100-px decimals written by text_runs.cpp (cssPx): the
#     widget's only Json(double), so nlohmann's Grisu2 and its power tables (2.9 KB raw data, nearly
#     incompressible) leave the widget: -2.6 / 0 (177884 -> 175205 B; the headless SDK has none).
#   one qsort (finchat/util.h sortBy) for detectPii's two sorts and the widget's mirror order instead
#     of three std::sort introsorts; candidates sorted as pointers so equal ones keep the scanners'
#     order (finchat_pii_eval's output on every PII set is byte-identical): -1.8 / -1.3
#     (175205 -> 173324 B, 119958 -> 118603 B).
# Measured, not applied (session 4):
#   --lto-O3: 0; --lto-O1: headless +9.3 KB; -Wl,-mllvm,-inline-threshold=2/10/25 at the link: 0 /
#     +2.6 / +10.5 KB headless (the -Oz default is right once -finline-functions is on).
#   -sSUPPORT_ERRNO=0: 0 (JS glue +2 B, wasm -16 B).
# Measured 2026-12 (session 4, benchout): bytes of `gzip -9`, size_report.mjs build/wasm/dist. Kept:
#   no benchmark code in the shipped widget (measured before as -2.3, 177884 -> 175525 B, with
#     fc_bench returning -1): fc_bench, its synthetic transcripts and template views
#     (app/widget_bench.cpp) link only into finaptic_chat_widget_bench (widget/CMakeLists.txt
#     finchat_widget_link; build/wasm/dist-bench for tests/bench), the window reaches them through
#     DetachedTranscript, and the shim adds handle._bench only when the wasm exports fc_bench.
#     Widget wasm 169486 -> 167801 (-1685), glue -10, ui.js +19, eager entry -25: full widget (b)
#     199057 -> 197356 B (-1.7 KB; 194.4 -> 192.7 KB). The headless wasm has no benchmark code
#     (120242 B, unchanged); a --profiling-funcs link of the widget and both wasm's strings show no
#     other test-only code left to take out.
# Where the bytes are after session 4 (raw KB of code, --profiling-funcs attribution; gzip is ~45 %):
#   widget 339: its own code 94 + its lambdas 14, PII 49, core misc (markdown, theme, transcript, util)
#   40, libc++ 24, templates 22, Conversation 20 + lambdas 6, ChatSession 19 + lambdas 16, libc 15,
#   JSON/codecs 10, ImGui's draw list 8.5. Headless 237: PII 49, core misc 35, headless entry and libc
#   30, templates 24, libc++ 20, Conversation 20 + 8, ChatSession 19 + 16, JSON/codecs 14.
#   Not yet tried: detectPii's two std::sort instantiations (~6 KB raw of introsort) as one shared
#   sort; needs a total order that includes the score (equal candidates differ in it today).
# Measured 2026-12 (session 4, piipack): bytes of `gzip -9` of dist's widget wasm / headless wasm, from
# 179662 / 131949 (396892 / 296359 B raw). Kept:
#   a second `wasm-opt -Oz` over the shipped wasm after the link (finchat_wasm_reoptimize below; ~2 s a
#     link): -826 / -619 (raw -1294 / -1137). The same second -Oz inside emcc's own wasm-opt run
#     (-sBINARYEN_EXTRA_PASSES=-Oz, before emcc's metadce and minification): only -384 / -219.
#   the PII word tables packed at compile time (core/src/pii_packed.h packWords: per table one char
#     blob and a uint16 offset per entry instead of a string_view, 8 B with a relocated pointer; the
#     Keyword/KeyPhrase/NameCue structs keep only their other fields; the constexpr lists are read by
#     the packer alone and not emitted): -324 / -221 (raw -5645 / -5772; data 40447 -> ~34700 raw).
#     Its accessors always inlined (FINCHAT_PII_INLINE): as plain -Oz calls the tables cost
#     finchat_pii_bench ~4 us a message (14.5 -> 18.7); inlined ~0.5 us (15.0-15.6 -> 15.7-16.0), for
#     118 / 55 B gzip. Cue as a byte (the Keyword entries 8 -> 2 B): -89 / -107.
#   From 179662 / 131949 to 178423 / 131002 (-1239 / -947).
# Measured, not applied: -fno-threadsafe-statics: 0 B, byte-identical wasm (emcc already passes it
#   when not building with pthreads; emcc.py).
# Measured 2026-12-03 (session 5, piimod): bytes of `gzip -9`, size_report.mjs build/wasm/dist, from
# main before the PII seam (widget wasm 183089, (b) 212644; headless wasm 135079, (d) 142643). Kept:
#   the PII detector out of the widget's and the headless SDK's wasm: the core asks Platform::pii
#     (finchat/platform.h PiiDetector, wt/piiseam), and the browser builds hand it
#     widget/platform/browser_pii.cpp's BrowserPiiDetector, whose two JS imports call a wasm of its own
#     (finaptic-chat-pii.wasm, widget/pii: -sSTANDALONE_WASM --no-entry, these size flags, a C ABI, no
#     JS glue) that the shim loads with pii-names.bin when a Conversation first asks
#     (web/src/pii-module.js). Nothing in either link calls detectPii/redactPii(text)/loadPiiNameTable,
#     so LTO drops every scanner and word table. Widget wasm 183089 -> 140491 (-42598; the seam alone,
#     with builtinPiiDetector, was 183644 at afccf7c), ui.js +549, glue +117: (b) 212644 -> 170712
#     (207.7 -> 166.7 KB, -41.0 KB, under the 200 KB target); headless wasm 135079 -> 91638 (-43441;
#     seam alone 135566), headless.js +677 (the loader): (d) 142643 -> 99879 (139.3 -> 97.5 KB, -41.8
#     KB). The detector is 45846 (102091 raw: code 34.6 KB gzip, data 10.1 KB), listed under (e) with
#     the name table (32597): 78443 fetched at a chat's first keystroke or message (at its start if the
#     policy guards NAME): a chat that is written in downloads +3.8 KB in all (45846 + 666 of JS
#     against 42598: the detector's own libc++/emmalloc copy), one that is only opened -41.0 KB.
# Measured 2026-12-03 (session 5, headsize): bytes of `gzip -9`, size_report.mjs build/wasm/dist, from
# widget wasm 140775 / headless wasm 91819 ((b) 171062, (d) 100106; headless code 82520, data 6935).
# Attribution (--profiling-funcs link, function bodies by owner; gzip KB alone / marginal): ChatSession
#   and its lambdas 14.8 / 14.4 (33.2 raw), headless entry (fh_*, its JSON views, with what LTO inlined
#   into them) 14.0 / 13.7 (30.3), Conversation and lambdas 13.2 / 12.7 (29.1), templates 9.1 / 8.7
#   (19.1), protocol codecs 4.6 / 4.2, JSON 4.2 / 3.9, markdown 4.0 / 3.8, core util 3.7 / 3.4, libc++
#   strings 3.2 / 3.1, transcript 3.3 / 3.1, browser platform 2.5 / 2.3, libc++ map/set 1.6, vector
#   1.2, other 1.1, std::function plumbing 0.3 (its __clone/__func/destroy: 3.6 KB raw), to_chars
#   0.25, shared_ptr 0.2, emmalloc 1.0, musl 0.6. No iostream, locale, regex or printf is linked.
# Kept:
#   the failed template's fallback as text (TemplateResolver::Failure::fallbackText, template_text.h
#     templateFallbackText) instead of a RichText the headless SDK flattened with plainText: the
#     markdown parser (InlineParser, BlockBuilder, bare links) was reached only through it. The
#     widget builds its own fallback from summarizeTemplate and never read the field. Equality with
#     plainText(templateFallback(s)) is a core test and a text_fuzz property: -165 / -5420.
#   -Wl,-mllvm,-enable-merge-functions at the link (LLVM MergeFunctions in the LTO pipeline; binaryen's
#     merge-similar-functions runs later but only on near-identical wasm): -638 / -511 (the PII module
#     byte-identical).
#   one integer formatter (finchat/util.h decimal/appendDecimal, Json's own writer moved there) for every
#     std::to_string in the core, the headless entry and the widget: libc++'s to_string overloads and
#     its two __to_chars_itoa instantiations with their digit-pair table go: -693 / -877 (core and
#     headless alone first: the widget +145 while it still called std::to_string itself).
#   Json::set(const char* key, Json) beside set(std::string, Json): ~100 call sites with a literal key
#     no longer build and destroy a std::string each: -281 / -593.
#   Json::object over {const char* key, Json value} fields (Json::Field) instead of Members: the ~60
#     call sites keep each key a pointer, object() builds the strings: -431 / -150.
#   the template reader's errors as fail(code, path, "literal") (core/src/interactive.cpp): the message
#     is concatenated once inside fail, not at 22 call sites: -99 / -98.
#   makeError(code, "literal") (finchat/result.h) for the core's 50 Error{code, "literal"}: -235 / -237
#     (the PII module byte-identical).
#   Json(const std::string&) beside Json(std::string&&), out of line: a string member set into JSON is
#     copied inside the constructor instead of into a temporary at each call site: -340 / -461.
#   From 140775 / 91819 to 137893 / 83472 (-2882 / -8347); (b) 171062 -> 168180, (d) 100106 -> 91759
#   (97.8 -> 89.6 KB against the 64 KB target). What is left is the SDK's own logic: ChatSession 14.3,
#   Conversation 12.4, the headless entry 13.3 (its JSON views with what LTO inlined into them:
#   restore, the constructors), templates 8.3, codecs 4.2, JSON 3.8, util 3.2, transcript 3.0 KB gzip
#   marginal; libc++ ~6, emmalloc+musl 1.3; the SDK's JS 8.1 (glue 4.0 of it). 64 KB needs ~25.6 KB
#   more: no compiler flag or libc++ piece left is worth more than ~1 KB; it takes code moving out of
#   the first download (templates and attachments on demand: split measured in session 4, no gain with
#   emscripten 3.1.6's dynamic linking) or a smaller design of the session/conversation code.
# Measured, not applied (session 5):
#   Json::Member constructors (const char*/std::string key, out of line) for Json::object({{"k", v}...}):
#     +428 / +453 (a non-aggregate's elements go through calls; Json::Field above stays an aggregate);
#     Json(const char*)
#     out of line: 0 (LTO already keeps it a call).
#   -fno-inline-functions per file (undoing -finline-functions for one source): headless_main +1739,
#     chat_session +7032 (widget +6546), conversation +4724, interactive +1992, protocol +2744: none.
#   more wasm-opt over the shipped headless wasm (against one more -Oz): --converge -9 B, -tnh -41,
#     --low-memory-unused --zero-filled-memory -29, --flatten --rereloop -Oz -4, -O3 +445,
#     --reorder-functions +354, -aimfs 0 / -fimfs 0 / -ocimfs 0 / --dae-optimizing 0: nothing worth it;
#     -Wl,-mllvm,-enable-gvn-sink / -enable-gvn-hoist / -hot-cold-split: 0 (not in the LTO pipeline).
add_library(finchat_wasm_size INTERFACE)

set(FINCHAT_WASM_SIZE_COMPILE_OPTIONS -Oz -finline-functions -flto -fno-rtti -mbulk-memory -msign-ext -mnontrapping-fptoint)
target_compile_options(finchat_wasm_size INTERFACE ${FINCHAT_WASM_SIZE_COMPILE_OPTIONS})
target_link_options(finchat_wasm_size INTERFACE
  ${FINCHAT_WASM_SIZE_COMPILE_OPTIONS} -sMALLOC=emmalloc -sSUPPORT_LONGJMP=0 -sTEXTDECODER=2
  -Wl,-mllvm,-enable-merge-functions)

# finchat_wasm_closure(target): minify the target's JS loader with the Closure Compiler
# (`--closure 1`: ~5.3 -> ~3.6 KB gzip for the smoke build). Opt-in per target, because every JS
# library the target links must be Closure-safe (ADVANCED mode renames properties: use only names
# the externs know, e.g. window.sessionStorage rather than the bare global, and quote the keys of
# objects shared with code outside the module). Debian's emscripten ships no Closure; scripts/setup.sh
# installs the pinned npm package (scripts/closure/package-lock.json) and emcc finds it through
# EM_CLOSURE_COMPILER, set here for the link step only. Without it the target links unminified.
set(FINCHAT_CLOSURE_COMPILER "${PROJECT_SOURCE_DIR}/scripts/closure/node_modules/.bin/google-closure-compiler"
    CACHE FILEPATH "google-closure-compiler for emcc --closure 1")
function(finchat_wasm_closure target)
  if(EXISTS "${FINCHAT_CLOSURE_COMPILER}")
    target_link_options(${target} PRIVATE --closure 1)
    set_property(TARGET ${target} PROPERTY CXX_LINKER_LAUNCHER
                 "${CMAKE_COMMAND}" -E env "EM_CLOSURE_COMPILER=${FINCHAT_CLOSURE_COMPILER}")
  else()
    message(WARNING "${target}: no Closure Compiler at ${FINCHAT_CLOSURE_COMPILER} (run scripts/setup.sh); "
                    "its JS loader is not minified")
  endif()
endfunction()

# finchat_wasm_reoptimize(target): the shipped wasm only (the widget, its bench twin and the headless
# SDK; not the test probes): binaryen's -Oz once more over the linked wasm, after emcc's own passes and
# its import/export minification (~2 s a link). Names of imports and exports are kept, so the glue
# still matches. wasm-opt drops the name section unless told (-g, which would also add one: +10.8 KB raw
# to the widget): kept for links with --profiling-funcs/--profiling/-g in CMAKE_EXE_LINKER_FLAGS (the
# size_report.mjs --top attribution links).
find_program(FINCHAT_WASM_OPT wasm-opt)
function(finchat_wasm_reoptimize target)
  if(NOT FINCHAT_WASM_OPT)
    message(WARNING "${target}: no wasm-opt found; its wasm gets emcc's optimisation only")
    return()
  endif()
  set(wasm "$<TARGET_FILE_DIR:${target}>/$<TARGET_FILE_BASE_NAME:${target}>.wasm")
  set(names "")
  if(CMAKE_EXE_LINKER_FLAGS MATCHES "--profiling|(^| )-g")
    set(names -g)
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${FINCHAT_WASM_OPT}" -Oz ${names} --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
            --enable-mutable-globals "${wasm}" -o "${wasm}"
    VERBATIM)
endfunction()

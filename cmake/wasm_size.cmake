# Download size of the wasm targets we ship (the widget, and finchat_browser_smoke standing in for its
# core part). Included once in the wasm tree (emcmake). `node tests/bench/size_report.mjs` prints the
# figures; scripts/bench.sh runs it.
#
# finchat_wasm_size (INTERFACE; link it PRIVATE into the shipped targets and their own libraries):
#   compile  -Oz            smallest code
#            -flto          objects are bitcode: the final link inlines and drops code across our files
#                           and libc++'s headers (with -flto at link, emscripten also links its LTO
#                           builds of libc/libc++)
#            -fno-rtti      nothing uses typeid or dynamic_cast; every std::function lambda would
#                           otherwise carry a type_info and its mangled name (~10 KB in the core alone)
#   link     -sMALLOC=emmalloc     a smaller allocator than dlmalloc (~6 KB); fine for a chat's heap
#            -sSUPPORT_LONGJMP=0   no setjmp/longjmp anywhere
#            -sTEXTDECODER=2       always the browser's TextDecoder, no JS fallback decoder
# The core's own compile options (core/CMakeLists.txt) are the same three.
#
# Measured on the widget wasm (gzip -9; 2026-12, 252.5 KB before):
#   LTO's link-time optimisation at its default (O2) vs --lto-O0: 9.2 KB smaller (vs --lto-O1: 9.2 KB
#   smaller too); -mllvm -inline-threshold=0 at the link changes nothing (the inlining LTO does is of
#   single-call statics); a second `wasm-opt -Oz --converge` over the output: 0.9 KB, not applied (a
#   minute more per link). ImGui's printf/sscanf through widget/model/small_stdio and no strtod in
#   the widget (Json::asNearDouble): 7.6 KB (musl's float printf/scanf and 128-bit soft-float gone).
add_library(finchat_wasm_size INTERFACE)
set(FINCHAT_WASM_SIZE_COMPILE_OPTIONS -Oz -flto -fno-rtti)
target_compile_options(finchat_wasm_size INTERFACE ${FINCHAT_WASM_SIZE_COMPILE_OPTIONS})
target_link_options(finchat_wasm_size INTERFACE
  -Oz -flto -fno-rtti -sMALLOC=emmalloc -sSUPPORT_LONGJMP=0 -sTEXTDECODER=2)

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

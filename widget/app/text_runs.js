// widget/app/text_runs.js: the glue half of browser-shaped message text (widget/app/text_runs.h,
// emscripten --js-library). Layout and pixels come from the shim (host.textLayout/textRaster, in
// web/src/text-raster.js); this file only moves numbers into wasm memory and the bitmap into a
// WebGL texture registered in emscripten's GL table, so ImGui can draw it as an ImTextureID.
mergeInto(LibraryManager.library, {
  fc_js_text_available: function() {
    var h = Module['host'];
    return h && typeof h['textLayout'] === 'function' && typeof h['textRaster'] === 'function' ? 1 : 0;
  },
  fc_js_text_layout: function(spec, maxWidth, out, capacity) {
    var r = Module['host']['textLayout'](UTF8ToString(spec), maxWidth);
    var n = Math.min(r.length, capacity);
    for (var i = 0; i < n; i++) HEAPF32[(out >> 2) + i] = r[i];
    return r.length;
  },
  fc_js_text_raster__deps: ['$GL'],
  fc_js_text_raster: function(spec, maxWidth, dpr, top, height, widthOut) {
    var canvas = Module['host']['textRaster'](UTF8ToString(spec), maxWidth, dpr, top, height);
    if (!canvas || !GLctx) return 0;
    var texture = GLctx.createTexture();
    if (!texture) return 0;
    var id = GL.getNewId(GL.textures);
    texture.name = id;
    GL.textures[id] = texture;
    var previous = GLctx.getParameter(GLctx.TEXTURE_BINDING_2D);
    GLctx.bindTexture(GLctx.TEXTURE_2D, texture);
    GLctx.texParameteri(GLctx.TEXTURE_2D, GLctx.TEXTURE_MIN_FILTER, GLctx.LINEAR);
    GLctx.texParameteri(GLctx.TEXTURE_2D, GLctx.TEXTURE_MAG_FILTER, GLctx.LINEAR);
    GLctx.texParameteri(GLctx.TEXTURE_2D, GLctx.TEXTURE_WRAP_S, GLctx.CLAMP_TO_EDGE);
    GLctx.texParameteri(GLctx.TEXTURE_2D, GLctx.TEXTURE_WRAP_T, GLctx.CLAMP_TO_EDGE);
    GLctx.pixelStorei(GLctx.UNPACK_ROW_LENGTH, 0);
    GLctx.texImage2D(GLctx.TEXTURE_2D, 0, GLctx.RGBA, GLctx.RGBA, GLctx.UNSIGNED_BYTE, canvas);
    GLctx.bindTexture(GLctx.TEXTURE_2D, previous);
    HEAP32[widthOut >> 2] = canvas.width;
    return id;
  },
  fc_js_text_release__deps: ['$GL'],
  fc_js_text_release: function(id) {
    var texture = GL.textures[id];
    if (!texture) return;
    if (GLctx) GLctx.deleteTexture(texture);
    GL.textures[id] = null;
  },
});

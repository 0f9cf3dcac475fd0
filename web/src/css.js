// One stylesheet object per css text for every instance on the page (constructable stylesheets; no
// inline <style>, so a strict style-src works). Without adoptedStyleSheets: a <link> to the css file.
const sheets = new Map();
export function adoptCss(root, css, base) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    let s = sheets.get(css);
    if (!s) {
      s = new CSSStyleSheet();
      s.replaceSync(css);
      sheets.set(css, s);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
  } else if (!root.querySelector('link[data-fc]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('finaptic-chat.css', base).href;
    link.dataset.fc = '';
    root.prepend(link);
  }
}

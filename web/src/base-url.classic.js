// Classic <script> build: the directory of the script element that ran this file, captured while
// it runs (document.currentScript is null later).
const script = document.currentScript;
const here = new URL('.', (script && script.src) || document.baseURI).href;
export const baseUrl = () => here;

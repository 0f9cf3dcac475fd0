// Where the widget's files are: the directory of this module (finaptic-chat.js).
export const baseUrl = () => new URL('.', import.meta.url).href;

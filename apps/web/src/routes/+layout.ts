// A static, client-only app: every route is prerendered as a shell and reads its state from
// the URL and IndexedDB in the browser.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';

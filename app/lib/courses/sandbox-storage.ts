// Third-party course pages run in a sandbox with an opaque origin (docs/decisions/017-cmi5-courses.md), where the
// browser throws on `document.cookie`, `localStorage` and `sessionStorage`. Much real content touches them (the
// xapijs cmi5 client's HTTP library reads cookies on every request) and would stop at the first touch. So every
// HTML page of a course gets this script first: where the browser refuses, the page gets a cookie jar and
// storage of its own that last as long as the page. Nothing of the app's is reachable through them.

const SHIM = `(function () {
  function refuses(read) { try { read(); return false } catch (error) { return true } }
  function memoryStorage() {
    var items = {};
    return {
      get length() { return Object.keys(items).length },
      key: function (index) { var keys = Object.keys(items); return index < keys.length ? keys[index] : null },
      getItem: function (key) { key = String(key); return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null },
      setItem: function (key, value) { items[String(key)] = String(value) },
      removeItem: function (key) { delete items[String(key)] },
      clear: function () { items = {} }
    };
  }
  if (refuses(function () { return document.cookie })) {
    var jar = {};
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: function () { return Object.keys(jar).map(function (name) { return name + '=' + jar[name] }).join('; ') },
      set: function (text) {
        var pair = String(text).split(';')[0], at = pair.indexOf('=');
        if (at < 1) return;
        var name = pair.slice(0, at).trim();
        if (/;\\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(String(text))) delete jar[name];
        else jar[name] = pair.slice(at + 1).trim();
      }
    });
  }
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    if (refuses(function () { return window[name] })) Object.defineProperty(window, name, { configurable: true, value: memoryStorage() });
  });
})();`

const SCRIPT = `<script>${SHIM}</script>`

/** The page with the storage script as the first thing it runs (after `<head>` when it has one). */
export function withSandboxStorage(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html)
  if (head) return html.slice(0, head.index + head[0].length) + SCRIPT + html.slice(head.index + head[0].length)
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
  const at = doctype ? doctype[0].length : 0
  return html.slice(0, at) + SCRIPT + html.slice(at)
}

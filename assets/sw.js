// The service worker of Weak Ties: after one visit online, the app starts, works and reloads on
// any route with no network. tools/post-build.mjs fills in the list of every file of the build and
// a version that changes with their content, so each build gets its own cache.
const VERSION = "__WT_VERSION__";
const FILES = __WT_FILES__;
const CACHE = `weak-ties-${VERSION}`;
const scope = new URL(self.registration.scope);
const url = (file) => new URL(file, scope).href;
const INDEX = url("index.html");

self.addEventListener("install", (event) => {
  // A new version waits until the app asks it to take over (the "Reload" button), so the code is
  // never swapped under the user's hands. Files are fetched past the HTTP cache: some names
  // (index.html, the file formats module) stay the same from build to build.
  const fresh = (file) => new Request(url(file), { cache: "reload" });
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(fresh))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("weak-ties-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

// The web app manifest's share target posts here. A shared file is kept in a cache of its own
// (src/browser/share.rs takes it from there) and the vCard import preview opens; a shared title,
// text or link opens Add contact with them.
const SHARE = url("share");
const SHARED_CACHE = "shared-with-weak-ties";
const SHARED_FILE = url("shared-card");

async function receiveShare(request) {
  const form = await request.formData();
  const file = form.get("card");
  if (file instanceof File && file.size > 0) {
    const cache = await caches.open(SHARED_CACHE);
    await cache.put(SHARED_FILE, new Response(file));
    return Response.redirect(url("settings?shared=card"), 303);
  }
  const params = new URLSearchParams();
  for (const key of ["title", "text", "url"]) {
    const value = form.get(key);
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  return Response.redirect(url(`contacts/new?${params}`), 303);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "POST" && request.url === SHARE) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  if (request.mode === "navigate") {
    // Every route of the app is index.html.
    event.respondWith(caches.match(INDEX, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
});

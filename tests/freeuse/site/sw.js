// A service worker that keeps the canary of its address (?c=) in its own cache when installed.
const c = new URLSearchParams(self.location.search).get("c");
self.addEventListener("install", (e) => {
  e.waitUntil(caches.open("dps-sw").then((cache) => cache.put("/sw-canary", new Response(c))));
});

// The web pages: the front desk at /, online booking at /book/{branch} (and
// a client's own booking at /book/manage/{token}), and their assets. Pages
// are never cached (a new build must reach every desk at once); assets have
// content-hashed names and are cached for a year, immutable. Brotli or gzip
// copies go to browsers that accept them. Every page carries a Content
// Security Policy that allows only this origin's scripts and styles.
#include <cstdlib>
#include <string>

#include "http/handler_kit.h"
#include "http/handlers/routes.h"
#include "http/problem.h"
#include "http/web_assets.h"

namespace salon::http {

using beast_http::verb;

namespace {

constexpr const char* kPagePolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Whether the Accept-Encoding header `accept` takes `coding` (q=0 refuses).
bool Accepts(std::string_view accept, std::string_view coding) {
  while (!accept.empty()) {
    const size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    const size_t q = item.find("q=", semi == std::string_view::npos ? item.size() : semi);
    if (q == std::string_view::npos) return true;
    return std::strtod(std::string(item.substr(q + 2)).c_str(), nullptr) > 0;
  }
  return false;
}

Response Serve(const Call& call, const WebAssets& assets, std::string_view name, bool page) {
  const WebAsset* a = assets.Find(name);
  if (a == nullptr) {
    return Problem(beast_http::status::not_found,
                   assets.empty() ? "the web pages are not built (scripts/build-web.sh)"
                                  : "no such page",
                   call.request.version());
  }
  const bool head = call.request.method() == verb::head;
  Response res{beast_http::status::ok, call.request.version()};
  res.set(beast_http::field::content_type, a->content_type);
  res.set(beast_http::field::etag, a->etag);
  res.set(beast_http::field::vary, "Accept-Encoding");
  res.set("X-Content-Type-Options", "nosniff");
  if (page) {
    res.set(beast_http::field::cache_control, "no-cache");
    res.set("Content-Security-Policy", kPagePolicy);
    res.set("Referrer-Policy", "same-origin");
  } else {
    res.set(beast_http::field::cache_control, "public, max-age=31536000, immutable");
  }
  if (call.Header(beast_http::field::if_none_match) == a->etag) {
    res.result(beast_http::status::not_modified);
    return res;
  }
  const std::string_view accept = call.Header(beast_http::field::accept_encoding);
  const std::string* body = &a->identity;
  if (!a->brotli.empty() && Accepts(accept, "br")) {
    body = &a->brotli;
    res.set(beast_http::field::content_encoding, "br");
  } else if (!a->gzip.empty() && Accepts(accept, "gzip")) {
    body = &a->gzip;
    res.set(beast_http::field::content_encoding, "gzip");
  }
  if (head) {
    res.content_length(body->size());
  } else {
    res.body() = *body;
    res.prepare_payload();
  }
  return res;
}

}  // namespace

void AddPageRoutes(Router& router, ApiDeps& deps) {
  std::shared_ptr<const WebAssets> assets = WebAssets::Load(deps.web_dir);
  auto page = [assets](std::string name) {
    return [assets, name](Call& call) { return Serve(call, *assets, name, true); };
  };
  router.Add(verb::get, "/", Dispatch::kInline, page("index.html"));
  router.Add(verb::get, "/book/{branch}", Dispatch::kInline, page("book.html"));
  router.Add(verb::get, "/book/manage/{token}", Dispatch::kInline, page("book.html"));
  router.Add(verb::get, "/assets/{file}", Dispatch::kInline, [assets](Call& call) {
    return Serve(call, *assets, "assets/" + call.Param("file"), false);
  });
}

}  // namespace salon::http

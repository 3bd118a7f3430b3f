// The web pages salond serves (web/, built into web/dist by
// scripts/build-web.sh): index.html (the front desk), book.html (online
// booking) and assets/<name>-<hash>.<ext>, with the .br and .gz copies the
// build made beside them. Read once at start into memory; immutable and
// thread-safe after. An empty or missing directory serves nothing.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace salon::http {

struct WebAsset {
  std::string content_type;
  std::string identity, brotli, gzip;  // brotli and gzip may be empty
  std::string etag;                    // of the identity bytes
};

class WebAssets {
 public:
  // Reads `dir` (no subdirectory but assets/ is read).
  static std::shared_ptr<const WebAssets> Load(const std::string& dir);

  // "index.html", "book.html" or "assets/<file>"; null when absent.
  const WebAsset* Find(std::string_view name) const;
  bool empty() const { return files_.empty(); }

 private:
  std::map<std::string, WebAsset, std::less<>> files_;
};

}  // namespace salon::http

#include "http/web_assets.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/hex.h"

namespace salon::http {

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string TypeOf(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

std::shared_ptr<const WebAssets> WebAssets::Load(const std::string& dir) {
  auto assets = std::make_shared<WebAssets>();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return assets;
  auto add = [&](const fs::path& file, const std::string& name) {
    const std::string ext = file.extension().string();
    if (ext == ".br" || ext == ".gz" || !fs::is_regular_file(file, ec)) return;
    WebAsset a;
    a.content_type = TypeOf(ext);
    a.identity = ReadFile(file);
    a.etag = "\"" + Sha256Hex(a.identity).substr(0, 32) + "\"";
    if (fs::exists(file.string() + ".br", ec)) a.brotli = ReadFile(file.string() + ".br");
    if (fs::exists(file.string() + ".gz", ec)) a.gzip = ReadFile(file.string() + ".gz");
    assets->files_.emplace(name, std::move(a));
  };
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) add(e.path(), e.path().filename().string());
  }
  if (fs::is_directory(fs::path(dir) / "assets", ec)) {
    for (const fs::directory_entry& e : fs::directory_iterator(fs::path(dir) / "assets", ec)) {
      if (e.is_regular_file()) add(e.path(), "assets/" + e.path().filename().string());
    }
  }
  return assets;
}

const WebAsset* WebAssets::Find(std::string_view name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace salon::http

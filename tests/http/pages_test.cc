// The web pages salond serves from its web directory: pages never cached
// and under a Content Security Policy, hashed assets immutable, compressed
// copies to browsers that take them, and nothing outside the directory.
#include <filesystem>
#include <fstream>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using boost::beast::http::verb;

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class PagesTest : public ServerTest {
 protected:
  PagesTest() {
    web_ = dir_ + "/web";
    Write(web_ + "/index.html", "<!doctype html><title>desk</title>");
    Write(web_ + "/book.html", "<!doctype html><title>book</title>");
    Write(web_ + "/assets/desk-ABC123.js", "console.log('desk')");
    Write(web_ + "/assets/desk-ABC123.js.gz", "GZ");
    Write(web_ + "/assets/desk-ABC123.js.br", "BR");
    Write(dir_ + "/secret.txt", "outside");
    Restart([this](NodeConfig& c) { c.web_dir = web_; });
  }
  Reply Fetch(const std::string& path, std::vector<std::pair<std::string, std::string>> h = {}) {
    return Call(verb::get, path, "", "", std::move(h));
  }
  std::string web_;
};

TEST_F(PagesTest, PagesAreNeverCachedAndCarryTheirPolicy) {
  for (const std::string path : {"/", "/book/br_123", "/book/manage/tok"}) {
    Reply r = Fetch(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
    EXPECT_NE(r.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  }
  EXPECT_EQ(Fetch("/").body, "<!doctype html><title>desk</title>");
  EXPECT_EQ(Fetch("/book/br_123").body, "<!doctype html><title>book</title>");
  Reply again = Fetch("/", {{"If-None-Match", Fetch("/").Header("ETag")}});
  EXPECT_EQ(again.status, 304);
}

TEST_F(PagesTest, AssetsAreImmutableAndCompressedForBrowsersThatTakeIt) {
  Reply plain = Fetch("/assets/desk-ABC123.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body, "console.log('desk')");
  EXPECT_EQ(plain.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.Header("Content-Encoding"), "");
  Reply br = Fetch("/assets/desk-ABC123.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body, "BR");
  EXPECT_EQ(br.Header("Content-Encoding"), "br");
  Reply gz = Fetch("/assets/desk-ABC123.js", {{"Accept-Encoding", "gzip;q=0.8, br;q=0"}});
  EXPECT_EQ(gz.body, "GZ");
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
  Reply none = Fetch("/assets/desk-ABC123.js", {{"Accept-Encoding", "identity"}});
  EXPECT_EQ(none.body, "console.log('desk')");
}

TEST_F(PagesTest, NothingElseIsServed) {
  EXPECT_EQ(Fetch("/assets/missing-1.js").status, 404);
  EXPECT_EQ(Fetch("/assets/..%2Fsecret.txt").status, 404);
  EXPECT_EQ(Fetch("/assets/../secret.txt").status, 404);
  EXPECT_EQ(Fetch("/secret.txt").status, 404);
  EXPECT_EQ(Fetch("/assets/desk-ABC123.js.gz").status, 404);  // only as an encoding
  EXPECT_EQ(Fetch("/index.html").status, 404);
  EXPECT_EQ(Fetch("/assets/missing-1.js").Header("Content-Type"), "application/problem+json");
}

}  // namespace
}  // namespace salon::testing

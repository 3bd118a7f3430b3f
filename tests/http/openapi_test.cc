// The served OpenAPI document describes every route the router knows, and
// nothing it does not.
#include <boost/algorithm/string.hpp>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

using OpenApiTest = ServerTest;

TEST_F(OpenApiTest, EveryRouteIsDescribed) {
  Reply doc = Get("/v1/openapi.json", "");
  ASSERT_EQ(doc.status, 200);
  ASSERT_TRUE(doc.json.is_object()) << "the document is not JSON";
  EXPECT_EQ(doc.Str("openapi"), "3.1.0");
  const auto& paths = doc.json.at("paths").as_object();
  std::set<std::string> routes;
  for (const auto& route : node_->api().router().routes()) {
    std::string method(boost::beast::http::to_string(route.method));
    boost::algorithm::to_lower(method);
    routes.insert(method + " " + route.pattern);
    auto path = paths.find(route.pattern);
    ASSERT_NE(path, paths.end()) << route.pattern << " is not in the document";
    EXPECT_TRUE(path->value().as_object().contains(method))
        << method << " " << route.pattern << " is not in the document";
  }
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routes.contains(std::string(method) + " " + std::string(path)))
          << method << " " << path << " is documented but not served";
      EXPECT_TRUE(op.as_object().contains("responses")) << method << " " << path;
    }
  }
}

}  // namespace
}  // namespace salon::testing

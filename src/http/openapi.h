// The OpenAPI 3.1 document of this API (docs/openapi.json, built in).
#pragma once

#include <string_view>

namespace salon::http {

std::string_view OpenApiDocument();

}  // namespace salon::http

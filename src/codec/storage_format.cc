#include "codec/storage_format.h"

namespace salon {

namespace json = boost::json;

namespace {

constexpr std::string_view kFormatKey = "_v";

// Format 1 only numbers the form: its documents are shaped as format 0's.
void NumberedFormat(json::object&) {}

}  // namespace

const Upgrades& StorageUpgrades() {
  static const Upgrades chain{{0, NumberedFormat}};
  return chain;
}

std::string ToStored(json::object doc, int format) {
  if (format > 0) doc[kFormatKey] = format;
  return json::serialize(doc);
}

Result<json::value> FromStored(std::string_view data, const Upgrades& chain) {
  boost::system::error_code ec;
  json::value v = json::parse(data, ec);
  if (ec) return Status::Internal("the stored document is not valid JSON");
  json::object* doc = v.if_object();
  if (doc == nullptr) return Status::Internal("the stored document is not a JSON object");
  long long format = 0;
  if (const json::value* stored = doc->if_contains(kFormatKey)) {
    if (!stored->is_int64() || stored->get_int64() < 0) {
      return Status::Internal("the stored document's format is not a number");
    }
    format = stored->get_int64();
    doc->erase(kFormatKey);
  }
  for (const UpgradeStep& step : chain) {
    if (step.from >= format && step.from < kStorageFormat) step.apply(*doc);
  }
  return v;
}

}  // namespace salon

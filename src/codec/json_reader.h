// JsonReader: reads the fields of one JSON object strictly, collecting every
// problem as a FieldError instead of stopping at the first. Wrong types and
// unknown fields (of a request) are shape errors (kMalformed, HTTP 400);
// missing required fields and bad values are value errors (kInvalid, HTTP 422).
// Not thread-safe; one per object read.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace salon {

enum class Need { kRequired, kOptional };

// Rules tightened over time (which characters a name may hold, the range of
// a price, a phone number's country) bind requests only: a document stored
// before them must still read. While a StoredDocument lives on this thread,
// decoders read the stored form and skip them (JsonReader::ForRequest()),
// and fields they do not know are ignored, not refused: a newer binary may
// have written them (codec/storage_format.h).
class StoredDocument {
 public:
  StoredDocument() { ++depth_; }
  ~StoredDocument() { --depth_; }
  StoredDocument(const StoredDocument&) = delete;
  StoredDocument& operator=(const StoredDocument&) = delete;
  static bool active() { return depth_ > 0; }

 private:
  static thread_local int depth_;
};

class JsonReader {
 public:
  // `prefix` names nested fields in errors ("items[0].").
  // The reader keeps a pointer to `v`, which must outlive it.
  explicit JsonReader(const boost::json::value& v, std::string prefix = "");
  explicit JsonReader(const boost::json::object& o, std::string prefix = "")
      : object_(&o), prefix_(std::move(prefix)) {}
  JsonReader(boost::json::value&&, std::string = "") = delete;
  JsonReader(boost::json::object&&, std::string = "") = delete;

  bool is_object() const { return object_ != nullptr; }
  // Whether a request is read (not a StoredDocument): request rules apply.
  static bool ForRequest() { return !StoredDocument::active(); }
  bool Has(std::string_view key) const;
  // The value of `key` (null when absent or null), to choose how to read a
  // field that may take more than one form; reading is still by the readers.
  const boost::json::value* Peek(std::string_view key) const;

  // Any string refuses control characters (but tab and line breaks), bidi
  // overrides and isolates (text that displays otherwise than it reads) and
  // invisible zero-width characters; Name also refuses tabs and line breaks.
  std::optional<std::string> String(std::string_view key, Need need,
                                    size_t max_length = 1000);
  std::optional<std::string> Name(std::string_view key, Need need, size_t max_length);
  std::optional<long long> Int(std::string_view key, Need need);
  // Any JSON number (an integer or a decimal).
  std::optional<double> Number(std::string_view key, Need need);
  std::optional<bool> Bool(std::string_view key, Need need);
  const boost::json::array* Array(std::string_view key, Need need);
  const boost::json::object* Object(std::string_view key, Need need);

  void ShapeError(std::string field, std::string message);
  void ValueError(std::string field, std::string message);
  // Folds in a nested reader's errors.
  void Absorb(JsonReader&& nested);
  // Marks every field not read so far as unknown (a shape error); does
  // nothing while a StoredDocument lives (a newer format's added fields).
  void RejectUnknown();

  std::string Field(std::string_view key) const { return prefix_ + std::string(key); }
  bool ok() const { return shape_.empty() && value_.empty(); }
  // Ok, kMalformed when any shape error, else kInvalid.
  Status Finish(std::string_view what) const;

 private:
  const boost::json::value* Lookup(std::string_view key, Need need);
  std::optional<std::string> Text(std::string_view key, Need need, size_t max_length,
                                  bool single_line);

  const boost::json::object* object_ = nullptr;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> shape_;
  std::vector<FieldError> value_;
};

// Parses a request body; kMalformed with the parser's message on bad JSON.
Status ParseJson(std::string_view text, boost::json::value& out);

}  // namespace salon

#include "codec/json_reader.h"

namespace salon {

namespace json = boost::json;

JsonReader::JsonReader(const json::value& v, std::string prefix)
    : object_(v.if_object()), prefix_(std::move(prefix)) {
  if (object_ == nullptr) {
    std::string where = prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
    shape_.push_back({where, "must be a JSON object"});
  }
}

bool JsonReader::Has(std::string_view key) const {
  return object_ != nullptr && object_->contains(key) && !object_->at(key).is_null();
}

const json::value* JsonReader::Peek(std::string_view key) const {
  return Has(key) ? &object_->at(key) : nullptr;
}

const json::value* JsonReader::Lookup(std::string_view key, Need need) {
  if (object_ == nullptr) return nullptr;
  seen_.emplace(key);
  auto it = object_->find(key);
  if (it == object_->end() || it->value().is_null()) {
    if (need == Need::kRequired) value_.push_back({Field(key), "is required"});
    return nullptr;
  }
  return &it->value();
}

thread_local int StoredDocument::depth_ = 0;

namespace {

// What is wrong with a character of `text` (valid UTF-8, as the parser
// checked), or "" if nothing is.
std::string UnsafeCharacter(std::string_view text, bool single_line) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = text[i];
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    i += n;
    const bool line = cp == '\t' || cp == '\n' || cp == '\r';
    if ((cp < 0x20 && !(line && !single_line)) || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      return single_line && line ? "must be one line" : "must not contain control characters";
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return "must not contain bidirectional overrides";
    }
    if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) {
      return "must not contain invisible characters";
    }
  }
  return "";
}

}  // namespace

std::optional<std::string> JsonReader::String(std::string_view key, Need need,
                                              size_t max_length) {
  return Text(key, need, max_length, false);
}

std::optional<std::string> JsonReader::Name(std::string_view key, Need need,
                                            size_t max_length) {
  return Text(key, need, max_length, true);
}

std::optional<std::string> JsonReader::Text(std::string_view key, Need need,
                                            size_t max_length, bool single_line) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    ShapeError(Field(key), "must be a string");
    return std::nullopt;
  }
  if (v->get_string().size() > max_length) {
    ValueError(Field(key), "is longer than " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  const std::string_view text = v->get_string();
  if (std::string wrong = ForRequest() ? UnsafeCharacter(text, single_line) : "";
      !wrong.empty()) {
    ValueError(Field(key), wrong);
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<long long> JsonReader::Int(std::string_view key, Need need) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= uint64_t(INT64_MAX)) {
    return static_cast<long long>(v->get_uint64());
  }
  ShapeError(Field(key), "must be an integer");
  return std::nullopt;
}

std::optional<double> JsonReader::Number(std::string_view key, Need need) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    ShapeError(Field(key), "must be a number");
    return std::nullopt;
  }
  return v->to_number<double>();
}

std::optional<bool> JsonReader::Bool(std::string_view key, Need need) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    ShapeError(Field(key), "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

const json::array* JsonReader::Array(std::string_view key, Need need) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) ShapeError(Field(key), "must be an array");
  return v->if_array();
}

const json::object* JsonReader::Object(std::string_view key, Need need) {
  const json::value* v = Lookup(key, need);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) ShapeError(Field(key), "must be an object");
  return v->if_object();
}

void JsonReader::ShapeError(std::string field, std::string message) {
  shape_.push_back({std::move(field), std::move(message)});
}

void JsonReader::ValueError(std::string field, std::string message) {
  value_.push_back({std::move(field), std::move(message)});
}

void JsonReader::Absorb(JsonReader&& nested) {
  for (auto& e : nested.shape_) shape_.push_back(std::move(e));
  for (auto& e : nested.value_) value_.push_back(std::move(e));
}

void JsonReader::RejectUnknown() {
  if (object_ == nullptr || !ForRequest()) return;
  for (const auto& kv : *object_) {
    if (!seen_.contains(std::string_view(kv.key()))) {
      ShapeError(Field(kv.key()), "is not a known field");
    }
  }
}

Status JsonReader::Finish(std::string_view what) const {
  if (!shape_.empty()) {
    std::vector<FieldError> all = shape_;
    all.insert(all.end(), value_.begin(), value_.end());
    return Status::Malformed(std::string(what) + " has the wrong shape", all);
  }
  if (!value_.empty()) return Status::Invalid(std::string(what) + " is invalid", value_);
  return Status::Ok();
}

Status ParseJson(std::string_view text, json::value& out) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  out = json::parse(text, ec, {}, opts);
  if (ec) return Status::Malformed("the body is not valid JSON: " + ec.message());
  return Status::Ok();
}

}  // namespace salon

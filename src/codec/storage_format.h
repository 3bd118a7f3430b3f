// The form stored documents are kept in (Record::data, MessageRow::data):
// a JSON object whose "_v" member holds the format it was written in.
//
// Formats:
//   0  everything stored before formats were numbered: no "_v".
//   1  the same shape as 0; only "_v" is added. The 0→1 step changes nothing.
//      Binaries from before formats were numbered read stored documents
//      strictly and refuse "_v": they must all be gone before one writes it,
//      so this release reads format 1 and still writes 0 (kWrittenFormat);
//      the next one writes 1.
//
// Rules, for a rolling deploy in which processes of several releases share
// one database:
// - A new format may only add fields. A binary reads a document of a newer
//   format than its own leniently: fields it does not know are ignored
//   (StoredDocument, codec/json_reader.h), and writing the object back drops
//   them, so a newer binary must read a missing new field as its default.
// - Renaming or removing a field, or changing its type or meaning, takes a
//   new format with an upgrade step from the previous one (StorageUpgrades),
//   and the release that writes it must be deployed only after every process
//   runs a release that reads it (one whose chain has the step): an older
//   binary would read such a document as corrupt, or wrongly.
// - A new value of an enumerated field (a status, a kind) is not an added
//   field: older binaries refuse it. Ship the reading first, the writing in
//   a later release, as for a rename.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace salon {

// The newest format this binary reads; older documents are upgraded to it.
inline constexpr int kStorageFormat = 1;
// The format it writes (0: no "_v"). A release writes a format only once
// every process it may share the database with reads it (see above).
inline constexpr int kWrittenFormat = 0;

// Turns a document of format `from` into format `from + 1` ("_v" removed).
struct UpgradeStep {
  int from;
  void (*apply)(boost::json::object& doc);
};
// Steps in ascending order of `from`.
using Upgrades = std::vector<UpgradeStep>;

// The chain this binary reads older documents with: one step per format.
const Upgrades& StorageUpgrades();

// `doc` serialised in `format`: with "_v" = format, none for format 0.
std::string ToStored(boost::json::object doc, int format = kWrittenFormat);

// A stored document as a JSON object, "_v" removed, upgraded by every step
// of `chain` whose `from` is at least the document's format and below
// kStorageFormat. A document of a newer format is answered as it is (for a
// lenient read). kInternal, naming no content, when `data` is not a JSON
// object or its "_v" is not a format number.
Result<boost::json::value> FromStored(std::string_view data,
                                      const Upgrades& chain = StorageUpgrades());

}  // namespace salon

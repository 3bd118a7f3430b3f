// The records port on its own: loading, saving and paging typed objects need
// only RecordReader and RecordWriter, so a three-method fake in memory stands
// in for a database here.
#include <gtest/gtest.h>

#include <map>

#include "app/records.h"

namespace salon {
namespace {

class MemoryRecords final : public RecordReader, public RecordWriter {
 public:
  std::optional<Record> Get(Kind kind, const SalonId& salon, std::string_view id) override {
    auto it = rows_.find({kind, std::string(id)});
    if (it == rows_.end() || it->second.salon_id != salon.value) return std::nullopt;
    return it->second;
  }
  std::vector<Record> List(const ListQuery& q) override {
    ++lists;
    std::vector<Record> out;
    for (auto it = rows_.upper_bound({q.kind, q.after_id});
         it != rows_.end() && it->first.first == q.kind && int(out.size()) < q.limit; ++it) {
      if (it->second.salon_id == q.salon_id.value) out.push_back(it->second);
    }
    return out;
  }
  long long Count(Kind kind, const SalonId& salon) override {
    long long n = 0;
    for (const auto& [key, r] : rows_) n += key.first == kind && r.salon_id == salon.value;
    return n;
  }
  void Put(Kind kind, const Record& r) override { rows_[{kind, r.id}] = r; }

  int lists = 0;

 private:
  std::map<std::pair<Kind, std::string>, Record> rows_;
};

Client MakeClient(const SalonId& salon, int i) {
  Client c;
  char id[16];
  std::snprintf(id, sizeof id, "cli_%05d", i);
  c.id = ClientId{id};
  c.salon_id = salon;
  c.first_name = "Ann";
  c.last_name = "Lee " + std::to_string(i);
  c.phone = "+447700900" + std::to_string(100 + i % 900);
  return c;
}

// As Save does for other types (clients are saved through the Directory).
void PutClient(RecordWriter& records, const Client& c) {
  records.Put(Kind::kClient, RecordTraits<Client>::ToRecord(c));
}

const SalonId kSalon{"sal_a"}, kOther{"sal_b"};

TEST(RecordPortTest, ASavedObjectLoadsBackForItsSalonOnly) {
  MemoryRecords records;
  PutClient(records, MakeClient(kSalon, 7));
  auto loaded = Load<Client>(records, kSalon, "cli_00007");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->last_name, "Lee 7");
  EXPECT_EQ(loaded->phone, "+447700900107");
  EXPECT_EQ(Load<Client>(records, kOther, "cli_00007").status().code(), Code::kNotFound);
  EXPECT_EQ(records.Count(Kind::kClient, kSalon), 1);
}

TEST(RecordPortTest, ACorruptStoredDocumentIsAnInternalErrorNotACrash) {
  MemoryRecords records;
  Record r = RecordTraits<Client>::ToRecord(MakeClient(kSalon, 1));
  r.data = "{\"first_name\": ";
  records.Put(Kind::kClient, r);
  EXPECT_EQ(Load<Client>(records, kSalon, r.id).status().code(), Code::kInternal);
  r.data = "[1, 2]";
  records.Put(Kind::kClient, r);
  EXPECT_EQ(Load<Client>(records, kSalon, r.id).status().code(), Code::kInternal);
}

TEST(RecordPortTest, ListAllPagesThroughEveryRecordOfTheSalonInIdOrder) {
  MemoryRecords records;
  for (int i = 1201; i >= 1; --i) PutClient(records, MakeClient(kSalon, i));
  for (int i = 1; i <= 30; ++i) PutClient(records, MakeClient(kOther, 5000 + i));
  auto all = ListAll<Client>(records, PageQuery(kSalon, PageRequest{}));
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 1201u);
  for (size_t i = 0; i < all->size(); ++i) {
    ASSERT_EQ((*all)[i].last_name, "Lee " + std::to_string(i + 1));
  }
  EXPECT_EQ(records.lists, 3);  // 500 + 500 + 201, each asking one more than a page
}

}  // namespace
}  // namespace salon

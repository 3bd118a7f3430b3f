// A branch's staff as the directory keeps them: those who perform the same
// services hold one list of them between them, so a node keeps more
// branches' staff within the staff lists' bytes (Directory::kStaffListBounds).
#include <gtest/gtest.h>

#include "tests/app/salon_use_cases.h"
#include "tests/messaging/counting_store.h"

namespace salon::testing {
namespace {

class StaffListTest : public SalonUseCasesTest<CountingStore> {
 protected:
  // The branch's staff member named `name`, as the directory gives them.
  const Staff& Named(const Directory::StaffList& staff, const std::string& name) {
    for (const Staff& s : *staff) {
      if (s.name == name) return s;
    }
    ADD_FAILURE() << "no " << name;
    return staff->front();
  }
};

TEST_F(StaffListTest, StaffWhoPerformTheSameServicesShareOneList) {
  AddStylist("Ann");
  AddStylist("Bea");
  Staff receptionist;  // performs no service
  receptionist.branch_id = branch_.id;
  receptionist.name = "Cat";
  ASSERT_TRUE(catalog_.Create(salon_, receptionist, KeepIn(receptionist)).ok());
  Directory::StaffList staff;
  ASSERT_TRUE(store_
                  .Read([&](ReadTxn& txn) {
                    SALON_ASSIGN_OR_RETURN(staff, directory_.BranchStaff(txn, branch_));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(staff->size(), 3u);
  const Staff &ann = Named(staff, "Ann"), &bea = Named(staff, "Bea");
  EXPECT_EQ(ann.service_ids, ServiceIdList{service_.id});
  EXPECT_TRUE(ann.service_ids.SharesWith(bea.service_ids));
  EXPECT_FALSE(ann.service_ids.SharesWith(Named(staff, "Cat").service_ids));
  EXPECT_TRUE(ann.Offers(service_.id));
  EXPECT_FALSE(Named(staff, "Cat").Offers(service_.id));
}

}  // namespace
}  // namespace salon::testing

// The workbook writer's errors: nothing to write, a file that cannot be written (named, with the
// library's reason). The cells themselves are read back with openpyxl (tests/xlsx/).
#include <caseflow/report_xlsx.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cf = caseflow;

TEST(report_xlsx, no_table_is_an_error_naming_the_file) {
  const auto r = cf::write_xlsx({}, "empty.xlsx");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message, "empty.xlsx: no table to write");
}

TEST(report_xlsx, an_unwritable_file_is_an_io_error_naming_it) {
  cf::report_document d{
      "kpis",
      "KPIs",
      {},
      {{"kpis", "", {"kpi", "rate"}, {cf::column_type::text, cf::column_type::percent}, {{"closure", "50.0%"}}}}};
  const std::filesystem::path file = "/nonexistent-dir/kpis.xlsx";
  const auto r = cf::write_xlsx({&d, 1}, file);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::io_error);
  EXPECT_TRUE(r.error().message.starts_with("/nonexistent-dir/kpis.xlsx: ")) << r.error().message;
}

TEST(report_xlsx, a_workbook_is_a_zip_file) {
  cf::report_document d{
      "kpis",
      "KPIs",
      {},
      {{"kpis", "", {"kpi", "rate"}, {cf::column_type::text, cf::column_type::percent}, {{"closure", "50.0%"}}}}};
  const auto file = std::filesystem::temp_directory_path() / "caseflow-report-xlsx-test.xlsx";
  ASSERT_TRUE(cf::write_xlsx({&d, 1}, file, cf::language::zh));
  std::ifstream in(file, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");
  std::filesystem::remove(file);
}

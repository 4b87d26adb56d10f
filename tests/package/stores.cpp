// A consumer of the installed optional stores: opens an SQLite journal and names a PostgreSQL one.
#include <caseflow/postgres_event_store.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include <filesystem>
#include <iostream>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  auto db = caseflow::sqlite_event_store::open(std::filesystem::path(argv[1]));
  if (!db || !db->append("{}")) return 1;
  // Refused before connecting: the store's checks are linked in, no server needed.
  auto pg = caseflow::postgres_event_store::open("postgresql://127.0.0.1:1/x?caseflow_prefix=Bad-Name");
  if (pg) return 1;
  std::cout << db->size().value() << " unit; " << pg.error().message << '\n';
}

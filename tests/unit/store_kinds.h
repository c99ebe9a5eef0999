// The stores every typed store test runs on (store_contract_test.cc, store_refusals_test.cc,
// bundle_store_test.cc): each kind has a name and an Open(dir, clock) that gives a fresh, empty
// store. A backend joins the typed suites by adding its kind to StoreKinds.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pg_test_server.h"
#include "process.h"
#include "skillscore/postgres_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"

namespace skillscore {

using StoreClock = std::function<std::chrono::system_clock::time_point()>;

// A file of its own for each store a test opens, so that a second store is fresh too (a bundle
// test moves an exam from one store to another).
struct SqliteKind {
  static std::unique_ptr<ExamStore> Open(const testing::TempDir& dir, StoreClock clock) {
    static int opened = 0;
    SqliteStoreOptions options;
    options.clock = std::move(clock);
    options.actor = "A0";
    auto store = OpenSqliteStore(dir.File("store" + std::to_string(++opened) + ".db"), options);
    if (!store) throw std::runtime_error(StoreMessage(store.error()));
    return std::move(*store);
  }
};

// A fresh database on the tests' PostgreSQL server (pg_test_server.h) for each store a test opens;
// they are dropped when the program ends, each test's stores being gone by then.
struct PostgresKind {
  static std::unique_ptr<ExamStore> Open(const testing::TempDir&, StoreClock clock) {
    // The server is found first, so that it outlives the databases that drop themselves on it
    // when the program ends (statics end in the reverse order of their making).
    static const testing::PgServer& server = testing::SharedPgServer();
    static std::vector<std::unique_ptr<testing::PgTestDatabase>> databases;
    const auto& database =
        databases.emplace_back(std::make_unique<testing::PgTestDatabase>(server));
    PostgresStoreOptions options;
    options.clock = std::move(clock);
    options.actor = "A0";
    auto store = OpenPostgresStore(database->url(), options);
    if (!store) throw std::runtime_error(StoreMessage(store.error()));
    return std::move(*store);
  }
};

using StoreKinds = ::testing::Types<SqliteKind, PostgresKind>;

}  // namespace skillscore

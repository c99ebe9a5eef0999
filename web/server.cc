#include "server.h"

#include <httplib.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "assets.h"
#include "passports.h"
#include "requests.h"
#include "sessions.h"
#include "skillscore/credentials.h"
#include "skillscore/exam_documents.h"
#include "skillscore/identifier.h"
#include "skillscore/json_writer.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/judge_report.h"
#include "skillscore/mark_committer.h"
#include "skillscore/open_store.h"
#include "skillscore/report.h"
#include "skillscore/results_workbook.h"
#include "skillscore/store_messages.h"
#include "views.h"

namespace skillscore::web {
namespace {

constexpr const char kCookie[] = "skillscore_session";
constexpr const char kJson[] = "application/json";
constexpr auto kHeartbeat = std::chrono::seconds(15);
// Connections the kernel holds for the server before it accepts them. Debian's libcpp-httplib is
// built with a backlog of 5, so that most of 100 tablets connecting at once were dropped and
// retried by TCP one, three, seven seconds later; the listening socket is listened on again with
// this backlog (the kernel caps it at net.core.somaxconn).
constexpr int kListenBacklog = 1024;

// What a handler answers.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = kJson;
  std::vector<std::pair<std::string, std::string>> headers = {};
};

Reply Json(std::string body, int status = 200) { return Reply{status, std::move(body)}; }

Reply Refusal(int status, std::string_view code, std::string_view message,
              const Diagnostics& diagnostics = {}, std::string_view refusal = {}) {
  return Reply{status, ErrorJson(code, message, diagnostics, refusal)};
}

// The store's refusal behind a service error, by name ("exam_not_found"), or empty.
std::string_view StoreRefusal(const ServiceError& error) {
  if (!error.store || error.store->code == StoreError::Code::kMessage) return {};
  return CodeName(error.store->code);
}

// A refusal of the service as the API states it (docs/openapi.yaml, "Errors").
Reply Refusal(const ServiceError& error) {
  const std::string_view refusal = StoreRefusal(error);
  switch (error.code) {
    case ServiceError::Code::kInvalidInput:
      return Refusal(422, "invalid_input", error.message, error.diagnostics, refusal);
    case ServiceError::Code::kNoActor:
    case ServiceError::Code::kForbidden:
      return Refusal(403, "forbidden", error.message);
    case ServiceError::Code::kUnauthenticated:
      return Refusal(401, "unauthenticated", error.message);
    case ServiceError::Code::kReasonRequired:
      return Refusal(422, "reason_required", error.message);
    case ServiceError::Code::kConflict:
      return Refusal(409, "conflict", error.message, {}, refusal);
    case ServiceError::Code::kNotFound:
      return Refusal(404, "not_found", error.message, {}, refusal);
    case ServiceError::Code::kStorage:
      spdlog::error("{}", error.message);
      return Refusal(500, "storage", error.message);
  }
  return Refusal(500, "storage", error.message);
}

Reply Refusal(const StoreError& error) { return Refusal(FromStore(error)); }

Reply Malformed(const std::string& message) { return Refusal(400, "malformed", message); }

// One exam service over its own connection to the database, lent to one request at a time.
struct Backend {
  std::unique_ptr<ExamStore> store;
  std::unique_ptr<ExamService> service;
  std::unique_ptr<Credentials> credentials;
};

// At most kMostBackends connections are open: a request that finds all of them lent waits for one
// (PostgreSQL's default allows 100 connections in all; a connection more per keep-alive judge
// would refuse the 101st; SQLite gains nothing from more readers than cores either).
class BackendPool {
 public:
  static constexpr std::size_t kMostBackends = 64;

  explicit BackendPool(std::string db) : db_(std::move(db)) {}

  class Lease {
   public:
    Lease(BackendPool& pool, std::unique_ptr<Backend> backend)
        : pool_(&pool), backend_(std::move(backend)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (backend_) pool_->Return(std::move(backend_));
    }
    ExamService& service() { return *backend_->service; }
    ExamStore& store() { return *backend_->store; }
    Credentials& credentials() { return *backend_->credentials; }

   private:
    BackendPool* pool_;
    std::unique_ptr<Backend> backend_;
  };

  StoreResult<Lease> Acquire() {
    {
      std::unique_lock lock(mutex_);
      returned_.wait(lock, [&] { return !idle_.empty() || open_ < kMostBackends; });
      if (!idle_.empty()) {
        std::unique_ptr<Backend> backend = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(backend));
      }
      ++open_;
    }
    SqliteStoreOptions options;
    options.create_if_missing = false;
    auto store = OpenExamStore(db_, options);
    if (!store) {
      {
        std::lock_guard lock(mutex_);
        --open_;
      }
      returned_.notify_one();
      return tl::make_unexpected(store.error());
    }
    auto backend = std::make_unique<Backend>();
    backend->store = std::move(*store);
    backend->service = std::make_unique<ExamService>(*backend->store);
    backend->credentials = std::make_unique<Credentials>(*backend->service);
    return Lease(*this, std::move(backend));
  }

 private:
  void Return(std::unique_ptr<Backend> backend) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(backend));
    }
    returned_.notify_one();
  }
  std::string db_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Backend>> idle_;
  std::size_t open_ = 0;  // backends made: idle or lent
};

// A count of writes per exam, for the board's Server-Sent Events.
class ChangeFeed {
 public:
  void Publish(const std::string& exam) {
    {
      std::lock_guard lock(mutex_);
      ++seq_[exam];
    }
    changed_.notify_all();
  }
  std::uint64_t Current(const std::string& exam) {
    std::lock_guard lock(mutex_);
    return seq_[exam];
  }
  // The count once it passes `seen`, or after `timeout`, or when stopping.
  std::uint64_t Wait(const std::string& exam, std::uint64_t seen, std::chrono::seconds timeout,
                     const std::atomic<bool>& stopping) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return stopping || seq_[exam] != seen; });
    return seq_[exam];
  }
  void WakeAll() {
    std::lock_guard lock(mutex_);
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::uint64_t> seq_;
};

// A mutex that lets its waiters in the order they came (a ticket lock): under a queue of writes
// std::mutex lets some writers overtake others again and again, and the unlucky one waits for
// seconds; in arrival order a write waits for those before it and no longer.
class FairMutex {
 public:
  void lock() {
    std::unique_lock guard(mutex_);
    std::uint64_t ticket = next_++;
    turn_.wait(guard, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      std::lock_guard guard(mutex_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ = 0;
  std::uint64_t serving_ = 0;
};

// Who may call a route.
enum class Access {
  kPublic,   // anyone (sign-in)
  kSession,  // any session
  kAdmin,    // an administrator
  kExam,     // the exam's judges and chief experts, and administrators
  kMarking,  // the exam's judges and chief experts
  kBoard,    // the exam's chief experts, and administrators
  kChief,    // the exam's chief experts
};

// What a handler gets: the request, its session (none for public routes), the path's values.
struct Call {
  const httplib::Request& request;
  std::optional<Session> session;
  std::vector<std::string> values;  // the {…} of the route's path, in order
  const std::string& exam() const { return values.at(0); }
  Actor actor() const {
    if (session->role == Role::kAdmin) return AdminActor(AuthenticatedAdmin{session->name});
    return JudgeActor(AuthenticatedJudge{session->exam, session->judge,
                                         session->role == Role::kChief, session->credential});
  }
};

// The language a request asks for, else `fallback`: the query's `lang` (a download link carries
// the page's language there, since a browser navigating to a link sends its own Accept-Language),
// then the first of Accept-Language, when it is ru or en. A page switched to another language
// gets its answers and its downloads in it at once.
Language RequestLanguage(const httplib::Request& request, Language fallback) {
  if (auto language = LanguageFromName(request.get_param_value("lang"))) return *language;
  std::string accepted = request.get_header_value("Accept-Language");
  if (auto language = LanguageFromName(accepted.substr(0, accepted.find_first_of(",;")))) {
    return *language;
  }
  return fallback;
}

Language SessionLanguage(const httplib::Request& request, const Session& session) {
  return RequestLanguage(request, session.language);
}

std::string CookieValue(const httplib::Request& request) {
  std::string header = request.get_header_value("Cookie");
  std::string prefix = std::string(kCookie) + "=";
  for (std::size_t start = 0; start < header.size();) {
    std::size_t end = std::min(header.find(';', start), header.size());
    std::string_view part(header.data() + start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(prefix)) return std::string(part.substr(prefix.size()));
    start = end + 1;
  }
  return {};
}

// The route's path as a regular expression: "{name}" matches one segment, dots are literal.
std::string PathPattern(std::string_view path) {
  std::string pattern;
  for (std::size_t at = 0; at < path.size(); ++at) {
    if (path[at] == '{') {
      at = path.find('}', at);
      pattern += "([^/]+)";
    } else if (path[at] == '.') {
      pattern += "\\.";
    } else {
      pattern += path[at];
    }
  }
  return pattern;
}

// Request timing and identity for the log line (the logger runs on the request's thread).
thread_local std::chrono::steady_clock::time_point request_start;
thread_local std::string request_who;

}  // namespace

struct WebServer::Impl {
  using Handler = Reply (Impl::*)(Call&);
  struct Route {
    const char* method;
    const char* path;
    Access access;
    Handler handle;
  };
  static const std::vector<Route>& Table();

  ServerOptions options;
  BackendPool backends;
  SessionTable sessions;
  SignInLimiter limiter;
  ChangeFeed feed;
  FairMutex write_mutex;
  MarkCommitter marks{
      [this](const std::function<void(ExamService&)>& write) { return WithWriter(write); }};
  std::atomic<bool> stopping{false};
  std::unique_ptr<httplib::Server> server;
  int listening_socket = -1;  // the server's, once bound

  explicit Impl(ServerOptions given)
      : options(std::move(given)),
        backends(options.db),
        sessions(options.session_lifetime, options.sessions_per_person),
        limiter(options.sign_in_attempts, options.sign_in_window) {}

  bool Tls() const { return options.tls_certificate.has_value(); }

  // --- sessions ---------------------------------------------------------------------------

  std::string SessionCookie(const Session& session) const {
    auto age = std::chrono::duration_cast<std::chrono::seconds>(session.expires_at - Clock::now());
    return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kCookie,
                       session.token, age.count(), Tls() ? "; Secure" : "");
  }
  std::string ClearedCookie() const {
    return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}", kCookie,
                       Tls() ? "; Secure" : "");
  }

  // The new session's answer; refused when `asked`'s person holds as many sessions as allowed.
  Reply Opened(const Session& asked, const std::optional<Session>& session) {
    if (!session) {
      return Refusal(429, "too_many_sessions",
                     Tr("{0} already has {1} open sessions, the most one person may have: sign "
                        "out on another device, or wait until one expires",
                        asked.role == Role::kAdmin ? asked.name : asked.exam + "/" + asked.judge,
                        sessions.per_person()));
    }
    Reply reply = Json(SessionJson(*session));
    reply.headers.emplace_back("Set-Cookie", SessionCookie(*session));
    request_who = Who(*session);
    return reply;
  }

  static std::string Who(const Session& session) {
    return session.role == Role::kAdmin
               ? "admin " + session.name
               : fmt::format("{} {}/{}", RoleName(session.role), session.exam, session.judge);
  }

  // Refused when a key has used up its sign-in attempts.
  std::optional<Reply> Throttled(const std::vector<std::string>& keys) {
    if (!limiter.Refused(keys)) return std::nullopt;
    return Refusal(429, "too_many_attempts",
                   Tr("too many failed sign-in attempts: wait a few minutes and try again"));
  }

  Reply SignIn(Call& call) {
    auto request = ParseJudgeSignIn(call.request.body);
    if (!request) return Malformed(request.error());
    std::vector<std::string> keys = {"judge " + request->exam + "/" + request->judge,
                                     "address " + call.request.remote_addr};
    if (auto refused = Throttled(keys)) return *refused;
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto judge =
        lease->credentials().AuthenticateJudge(request->exam, request->judge, request->code);
    if (!judge) {
      if (judge.error().code == ServiceError::Code::kUnauthenticated) limiter.Failed(keys);
      return Refusal(judge.error());
    }
    limiter.Succeeded(keys.front());
    auto roster = lease->store().LoadRoster(judge->exam);
    if (!roster) return Refusal(roster.error());
    Session session;
    session.role = judge->chief ? Role::kChief : Role::kJudge;
    session.exam = judge->exam;
    session.judge = judge->judge;
    session.credential = judge->credential;
    session.language = request->language.value_or(CurrentLanguage());
    for (const Judge& registered : roster->judges) {
      if (registered.id == judge->judge) session.name = registered.name;
    }
    return Opened(session, sessions.Open(session));
  }

  Reply AdminSignIn(Call& call) {
    auto request = ParseAdminSignIn(call.request.body);
    if (!request) return Malformed(request.error());
    std::vector<std::string> keys = {"admin " + request->name,
                                     "address " + call.request.remote_addr};
    if (auto refused = Throttled(keys)) return *refused;
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto admin = lease->credentials().AuthenticateAdmin(request->name, request->secret);
    if (!admin) {
      if (admin.error().code == ServiceError::Code::kUnauthenticated) limiter.Failed(keys);
      return Refusal(admin.error());
    }
    limiter.Succeeded(keys.front());
    Session session;
    session.role = Role::kAdmin;
    session.name = admin->name;
    session.language = request->language.value_or(CurrentLanguage());
    return Opened(session, sessions.Open(session));
  }

  Reply SignOut(Call& call) {
    sessions.Close(call.session->token);
    Reply reply{204, {}};
    reply.headers.emplace_back("Set-Cookie", ClearedCookie());
    return reply;
  }

  Reply Me(Call& call) { return Json(SessionJson(*call.session)); }

  Reply Sessions(Call& call) { return Json(SessionsJson(sessions.OfExam(call.exam()))); }

  // --- reading ----------------------------------------------------------------------------

  Reply Exams(Call&) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto exams = lease->store().ListExams();
    if (!exams) return Refusal(exams.error());
    return Json(ExamListJson(*exams));
  }

  // The exam's roster (with every sheet when `sheets`) and locks, for a view of them.
  template <typename View>
  Reply WithExam(Call& call, bool sheets, View view) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto data =
        sheets ? lease->store().LoadExamData(call.exam()) : lease->store().LoadRoster(call.exam());
    if (!data) return Refusal(data.error());
    auto locks = lease->store().LockedSubcriteria(call.exam());
    if (!locks) return Refusal(locks.error());
    return view(*data, *locks);
  }

  std::optional<std::string> MarkingJudge(const Call& call) const {
    if (call.session->role == Role::kAdmin) return std::nullopt;
    return call.session->judge;
  }

  Reply Exam(Call& call) {
    return WithExam(call, false, [](const ExamData& data, const auto& locks) {
      return Json(ExamJson(data, locks));
    });
  }

  Reply Candidates(Call& call) {
    return WithExam(call, false, [&](const ExamData& data, const auto&) {
      return Json(CandidatesJson(data, MarkingJudge(call)));
    });
  }

  Reply Judges(Call& call) {
    return WithExam(call, false,
                    [](const ExamData& data, const auto&) { return Json(JudgesJson(data)); });
  }

  Reply Sheet(Call& call) {
    std::string candidate = call.request.get_param_value("candidate");
    std::string subcriterion = call.request.get_param_value("subcriterion");
    if (candidate.empty() || subcriterion.empty()) {
      return Malformed(Tr("give both \"candidate\" and \"subcriterion\" in the query"));
    }
    return WithExam(call, true, [&](const ExamData& data, const auto& locks) {
      auto sheet = SheetJson(data, locks, call.session->judge, candidate, subcriterion);
      if (!sheet) {
        return Refusal(404, "not_found",
                       Tr("exam {0} has no candidate {1} or no sub-criterion {2}", call.exam(),
                          candidate, subcriterion));
      }
      return Json(std::move(*sheet));
    });
  }

  Reply NextMissing(Call& call) {
    return WithExam(call, true, [&](const ExamData& data, const auto& locks) {
      return Json(NextMissingJson(data, locks, call.session->judge));
    });
  }

  Reply Progress(Call& call) {
    return WithExam(call, true, [&](const ExamData& data, const auto& locks) {
      std::vector<std::string> judges;
      if (call.session->role == Role::kJudge) {
        judges.push_back(call.session->judge);
      } else {
        for (const Judge& judge : data.judges) judges.push_back(judge.id);
      }
      return Json(ProgressJson(data, locks, judges));
    });
  }

  Reply Status(Call& call) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto status = lease->service().Status(call.exam());
    if (!status) return Refusal(status.error());
    return Json(StatusJson(*status));
  }

  // Results exactly as `skillscore results EXAM --format json|csv` prints them.
  template <typename Render>
  Reply WithResults(Call& call, Render render) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto results = lease->service().Results(call.exam());
    if (!results) return Refusal(results.error());
    ResultsView view{
        .exam = results->data.exam.id,
        .rubric = results->data.rubric,
        .result = results->result,
        .status = results->finality.Final() ? ResultsStatus::kFinal : ResultsStatus::kProvisional};
    return render(view);
  }

  Reply Results(Call& call) {
    return WithResults(call, [](const ResultsView& view) { return Json(ResultsJson(view)); });
  }

  Reply ResultsCsvFile(Call& call) {
    return WithResults(call, [&](const ResultsView& view) {
      Language language = CurrentLanguage();
      std::string csv = ResultsCsv(view, CsvStyleFor(language));
      if (language == Language::kRussian) csv = kUtf8Bom + csv;
      Reply reply{200, std::move(csv), "text/csv; charset=utf-8"};
      reply.headers.emplace_back(
          "Content-Disposition",
          fmt::format("attachment; filename=\"{}-results.csv\"", call.exam()));
      return reply;
    });
  }

  static Reply Download(std::string bytes, const char* type, const std::string& name) {
    Reply reply{200, std::move(bytes), type};
    reply.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"{}\"", name));
    return reply;
  }

  // The results workbook of `results --format xlsx` (with the judge analytics sheet), written to
  // a private temporary file (the writer writes whole files) and read back.
  Reply ResultsWorkbook(Call& call) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto results = lease->service().Results(call.exam());
    if (!results) return Refusal(results.error());
    ResultsView view{
        .exam = results->data.exam.id,
        .rubric = results->data.rubric,
        .result = results->result,
        .status = results->finality.Final() ? ResultsStatus::kFinal : ResultsStatus::kProvisional};
    JudgeAnalytics analytics =
        AnalyseJudges(results->data.rubric, results->sheets, results->data.judges);
    JudgeReportView judges{results->data.exam.id, results->data.rubric, analytics,
                           results->data.judges};
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("skillscore-web-" + RandomToken() + ".xlsx");
    auto written = WriteResultsWorkbook(view, &judges, path.string());
    std::string bytes;
    if (written) {
      std::ifstream file(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(file), {});
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (!written) return Refusal(500, "storage", written.error());
    return Download(std::move(bytes),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    call.exam() + "-results.xlsx");
  }

  // The protocol of `report protocol`, for the expert group to sign.
  Reply Protocol(Call& call) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto exam = lease->service().Results(call.exam());
    if (!exam) return Refusal(exam.error());
    const ExamInfo& info = exam->data.exam;
    ExamPaper paper{info.id,      info.date,         info.site,
                    info.chief,   exam->data.rubric, exam->sheets,
                    exam->result, exam->data.judges, exam->finality.Final()};
    auto pdf = ProtocolPdf(paper);
    if (!pdf) return Refusal(422, "invalid_input", pdf.error());
    return Download(std::move(*pdf), "application/pdf", call.exam() + "-protocol.pdf");
  }

  Reply Analytics(Call& call) {
    return WithExam(call, true, [&](const ExamData& data, const auto&) {
      JudgeAnalytics analytics = AnalyseJudges(data.rubric, data.sheets, data.judges);
      return Json(JudgeReportJson({data.exam.id, data.rubric, analytics, data.judges}));
    });
  }

  // --- writing ----------------------------------------------------------------------------

  // A write through the service, one at a time, announced to the board once it succeeded.
  template <typename Write>
  Reply Writing(Call& call, Write write) {
    std::lock_guard lock(write_mutex);
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    Reply reply = write(lease->service());
    if (reply.status < 300) feed.Publish(call.exam());
    return reply;
  }

  // The service of one backend for the mark committer's batch, under the write mutex.
  ServiceResult<void> WithWriter(const std::function<void(ExamService&)>& write) {
    std::lock_guard lock(write_mutex);
    auto lease = backends.Acquire();
    if (!lease) return tl::make_unexpected(FromStore(lease.error()));
    write(lease->service());
    return {};
  }

  // A mark goes to the service's group commit (mark_committer.h) and is answered once durable.
  Reply PutMark(Call& call) {
    auto request = ParseMarkWrite(call.request.body);
    if (!request) return Malformed(request.error());
    const Session& session = *call.session;
    std::string judge = request->judge.value_or(session.judge);
    if (judge != session.judge && session.role != Role::kChief) {
      return Refusal(403, "forbidden",
                     Tr("{0} is an expert of exam {1}; only a chief expert may {2}", session.judge,
                        session.exam, Tr("enter a mark in another judge's name")));
    }
    MarkRequest mark{.actor = call.actor(),
                     .exam = call.exam(),
                     .mark = {.candidate = request->candidate,
                              .aspect = request->aspect,
                              .judge = judge,
                              .value = request->value,
                              .reason = request->reason},
                     .language = CurrentLanguage()};
    auto written = marks.Enter(mark, request->client_id);
    if (!written) return Refusal(written.error());
    if (!written->repeated) feed.Publish(mark.exam);
    return Json(MarkOutcomeJson({request->client_id, written->change, request->candidate,
                                 request->aspect, judge, request->value},
                                written->repeated));
  }

  Reply Lock(Call& call) {
    auto request = ParseLockWrite(call.request.body);
    if (!request) return Malformed(request.error());
    return Writing(call, [&](ExamService& service) {
      auto outcome = service.Lock(call.actor(), call.exam(),
                                  LockRequest{request->subcriteria, request->all_complete});
      if (!outcome) return Refusal(outcome.error());
      return Json(LockOutcomeJson(*outcome));
    });
  }

  Reply Unlock(Call& call) {
    auto request = ParseReason(call.request.body);
    if (!request) return Malformed(request.error());
    return Writing(call, [&](ExamService& service) {
      auto done = service.Unlock(call.actor(), call.exam(), call.values.at(1), request->reason);
      if (!done) return Refusal(done.error());
      return Reply{204, {}};
    });
  }

  Reply SetCandidateStatus(Call& call) {
    auto request = ParseCandidateStatus(call.request.body);
    if (!request) return Malformed(request.error());
    return Writing(call, [&](ExamService& service) {
      auto change = service.SetCandidateStatus(call.actor(), call.exam(), call.values.at(1),
                                               request->status, request->reason);
      if (!change) return Refusal(change.error());
      return Json(ChangeJson(*change));
    });
  }

  Reply WithdrawMark(Call& call) {
    auto request = ParseWithdrawal(call.request.body);
    if (!request) return Malformed(request.error());
    return Writing(call, [&](ExamService& service) {
      auto done = service.WithdrawMark(call.actor(), call.exam(), request->candidate,
                                       request->aspect, request->judge, request->reason);
      if (!done) return Refusal(done.error());
      return Reply{204, {}};
    });
  }

  // --- passports (web/passports.h) --------------------------------------------------------

  Reply NoPassport(Call& call) {
    return Refusal(404, "not_found",
                   Tr("exam {0} has no passport {1}", call.exam(), call.values.at(1)));
  }

  Reply Passports(Call& call) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto results = lease->service().Results(call.exam());
    if (!results) return Refusal(results.error());
    auto passports = lease->store().ListPassports(call.exam());
    if (!passports) return Refusal(passports.error());
    std::optional<std::vector<PlannedPassport>> planned;
    if (options.passports.key && results->finality.Final()) {
      auto plan = lease->service().PlanIssue(*results, *passports, *options.passports.key);
      if (!plan) return Refusal(plan.error());
      planned = std::move(*plan);
    }
    return Json(PassportsJson(*results, *passports, planned, options.passports));
  }

  Reply IssuePassports(Call& call) {
    if (!options.passports.key) {
      return Refusal(503, "signing_unavailable", IssuingUnavailable(options.passports));
    }
    return Writing(call, [&](ExamService& service) {
      auto plan = service.IssuePassports(call.actor(), call.exam(), *options.passports.key);
      if (!plan) return Refusal(plan.error());
      return Json(IssuedJson(call.exam(), *plan));
    });
  }

  Reply RevokePassport(Call& call) {
    auto request = ParseReason(call.request.body);
    if (!request) return Malformed(request.error());
    return Writing(call, [&](ExamService& service) {
      auto passports = service.store().ListPassports(call.exam());
      if (!passports) return Refusal(passports.error());
      if (!FindPassport(*passports, call.values.at(1))) return NoPassport(call);
      auto revoked = service.RevokePassport(call.actor(), call.values.at(1), request->reason);
      if (!revoked) return Refusal(revoked.error());
      return Json(RevokedJson(*revoked));
    });
  }

  // The exam's register and the passport of the path's number in it, for a download.
  template <typename Render>
  Reply WithPassport(Call& call, Render render) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto passports = lease->store().ListPassports(call.exam());
    if (!passports) return Refusal(passports.error());
    const StoredPassport* passport = FindPassport(*passports, call.values.at(1));
    if (!passport) return NoPassport(call);
    return render(*lease, *passport);
  }

  // The certificate's options: the issuer's logo and URL, and the exam's chief expert.
  StoreResult<CertificateOptions> CertificateOptionsOf(ExamStore& store, const std::string& exam) {
    auto roster = store.LoadRoster(exam);
    if (!roster) return tl::make_unexpected(roster.error());
    CertificateOptions certificate = options.passports.certificate;
    certificate.chief_expert = ChiefExpertName(roster->judges, roster->exam.chief);
    return certificate;
  }

  Reply PassportRecord(Call& call) {
    return WithPassport(call, [](BackendPool::Lease&, const StoredPassport& passport) {
      return Download(passport.record_json, kJson, SafeFileName(passport.number) + ".json");
    });
  }

  // As `passport export --to pdf`, never for a revoked passport.
  Reply PassportCertificate(Call& call) {
    return WithPassport(call, [&](BackendPool::Lease& lease, const StoredPassport& passport) {
      if (passport.revoked_at) {
        return Refusal(409, "conflict",
                       Tr("passport {0} was revoked on {1}: {2}", passport.number,
                          *passport.revoked_at, passport.revoked_reason.value_or("")));
      }
      auto certificate = CertificateOptionsOf(lease.store(), call.exam());
      if (!certificate) return Refusal(certificate.error());
      auto signed_passport = ParseStoredPassport(passport);
      if (!signed_passport)
        return Refusal(500, "storage", FormatDiagnostic(signed_passport.error()));
      auto pdf = CertificatePdf(*signed_passport, *certificate);
      if (!pdf) {
        return Refusal(
            500, "storage",
            Tr("cannot draw the certificate of passport {0}: {1}", passport.number, pdf.error()));
      }
      return Download(std::move(*pdf), "application/pdf", SafeFileName(passport.number) + ".pdf");
    });
  }

  Reply Certificates(Call& call) {
    auto lease = backends.Acquire();
    if (!lease) return Refusal(lease.error());
    auto passports = lease->store().ListPassports(call.exam());
    if (!passports) return Refusal(passports.error());
    if (std::none_of(passports->begin(), passports->end(), [&](const StoredPassport& passport) {
          return !passport.revoked_at && !Superseded(*passports, passport);
        })) {
      return Refusal(404, "not_found", Tr("exam {0} has no passport in force", call.exam()));
    }
    auto certificate = CertificateOptionsOf(lease->store(), call.exam());
    if (!certificate) return Refusal(certificate.error());
    auto zip = CertificatesZip(*passports, *certificate);
    if (!zip) return Refusal(500, "storage", zip.error());
    return Download(std::move(*zip), "application/zip", call.exam() + "-certificates.zip");
  }

  // --- dispatch ---------------------------------------------------------------------------

  // Whether the session may call a route of `access` on the exam named in its path.
  static bool Allowed(Access access, const Session& session, const std::string* exam) {
    bool admin = session.role == Role::kAdmin;
    bool own = exam && !admin && session.exam == *exam;
    bool chief = own && session.role == Role::kChief;
    switch (access) {
      case Access::kPublic:
      case Access::kSession:
        return true;
      case Access::kAdmin:
        return admin;
      case Access::kExam:
        return admin || own;
      case Access::kMarking:
        return own;
      case Access::kBoard:
        return admin || chief;
      case Access::kChief:
        return chief;
    }
    return false;
  }

  // The session of the request's cookie, while it is live and its code still current.
  std::optional<Session> LiveSession(const httplib::Request& request) {
    std::string token = CookieValue(request);
    if (token.empty()) return std::nullopt;
    std::optional<Session> session = sessions.Find(token);
    if (!session || session->role == Role::kAdmin) return session;
    auto lease = backends.Acquire();
    if (!lease) return std::nullopt;
    auto current =
        lease->credentials().CredentialCurrent(session->exam, session->judge, session->credential);
    if (current && *current) return session;
    sessions.Close(token);
    return std::nullopt;
  }

  // Why the request may not go on (no live session, another exam or role, no CSRF token), or
  // nullopt; fills in the call's session.
  std::optional<Reply> Refused(Access access, const httplib::Request& request, Call& call) {
    if (access == Access::kPublic) return std::nullopt;
    call.session = LiveSession(request);
    if (!call.session) {
      return Refusal(401, "no_session",
                     Tr("not signed in, or the session has ended: sign in again"));
    }
    request_who = Who(*call.session);
    ThreadLanguage language(SessionLanguage(request, *call.session));
    const std::string* exam = call.values.empty() ? nullptr : &call.values.front();
    if (!Allowed(access, *call.session, exam)) {
      return Refusal(403, "forbidden", Tr("this session may not do that"));
    }
    if (request.method != "GET" &&
        !SameSecret(request.get_header_value("X-CSRF-Token"), call.session->csrf)) {
      return Refusal(403, "csrf", Tr("the request has no valid X-CSRF-Token: reload the page"));
    }
    return std::nullopt;
  }

  static Call CallOf(const httplib::Request& request) {
    Call call{request, std::nullopt, {}};
    for (std::size_t group = 1; group < request.matches.size(); ++group) {
      call.values.push_back(request.matches[group].str());
    }
    return call;
  }

  Reply Dispatch(const Route& route, const httplib::Request& request) {
    Call call = CallOf(request);
    ThreadLanguage language(RequestLanguage(request, options.language));
    if (auto refused = Refused(route.access, request, call)) return *refused;
    std::optional<ThreadLanguage> session_language;
    if (call.session) session_language.emplace(SessionLanguage(request, *call.session));
    return (this->*route.handle)(call);
  }

  static void Send(const Reply& reply, httplib::Response& response) {
    response.status = reply.status;
    for (const auto& [name, value] : reply.headers) response.set_header(name, value);
    response.set_header("Cache-Control", "no-store");
    if (reply.status != 204) response.set_content(reply.body, reply.content_type);
  }

  // Server-Sent Events for the board: "change" after each write to the exam.
  void Events(const httplib::Request& request, httplib::Response& response) {
    Call call = CallOf(request);
    ThreadLanguage language(RequestLanguage(request, options.language));
    if (auto refused = Refused(Access::kBoard, request, call)) return Send(*refused, response);
    std::string exam = call.exam();
    std::string token = CookieValue(request);
    response.set_header("Cache-Control", "no-store");
    std::uint64_t seen = feed.Current(exam);
    response.set_chunked_content_provider(
        "text/event-stream",
        [this, exam, token, seen](std::size_t, httplib::DataSink& sink) mutable {
          std::uint64_t now = feed.Wait(exam, seen, kHeartbeat, stopping);
          if (stopping || !sessions.Find(token)) {
            sink.done();
            return true;
          }
          std::string event = now == seen ? std::string(": keep-alive\n\n")
                                          : fmt::format(
                                                "event: change\ndata: {{\"exam\": {}, "
                                                "\"seq\": {}}}\n\n",
                                                JsonQuoted(exam), now);
          seen = now;
          return sink.write(event.data(), event.size());
        });
  }

  void ServeAsset(const httplib::Request& request, httplib::Response& response) {
    const EmbeddedAsset* asset = AssetAt(request.path);
    ThreadLanguage language(RequestLanguage(request, options.language));
    if (!asset) {
      return Send(Refusal(404, "not_found", Tr("no such page: {0}", request.path)), response);
    }
    response.set_header("ETag", std::string(asset->etag));
    response.set_header("Cache-Control", "no-cache");
    response.set_header("X-Content-Type-Options", "nosniff");
    if (request.get_header_value("If-None-Match") == asset->etag) {
      response.status = 304;
      return;
    }
    response.set_content(asset->bytes.data(), asset->bytes.size(),
                         std::string(asset->content_type).c_str());
  }

  void Register() {
    for (const Route& route : Table()) {
      auto handler = [this, &route](const httplib::Request& request, httplib::Response& response) {
        Send(Dispatch(route, request), response);
      };
      std::string pattern = PathPattern(route.path);
      std::string_view method = route.method;
      if (method == "GET") server->Get(pattern, handler);
      if (method == "POST") server->Post(pattern, handler);
      if (method == "PUT") server->Put(pattern, handler);
      if (method == "DELETE") server->Delete(pattern, handler);
    }
    server->Get(PathPattern("/api/exams/{exam}/events"),
                [this](const httplib::Request& request, httplib::Response& response) {
                  Events(request, response);
                });
    server->Get("/.*", [this](const httplib::Request& request, httplib::Response& response) {
      ServeAsset(request, response);
    });
  }

  void Configure() {
    server->new_task_queue = [threads = options.threads] {
      return new httplib::ThreadPool(threads);
    };
    server->set_payload_max_length(options.max_body);
    server->set_read_timeout(options.io_timeout);
    server->set_write_timeout(options.io_timeout);
    server->set_keep_alive_timeout(options.io_timeout.count());
    server->set_keep_alive_max_count(1000);
    server->set_tcp_nodelay(true);
    // httplib makes its listening socket, and only it, with these options.
    server->set_socket_options([this](socket_t socket) {
      httplib::default_socket_options(socket);
      listening_socket = socket;
    });
    server->set_default_headers({{"X-Frame-Options", "DENY"}, {"Referrer-Policy", "no-referrer"}});
    server->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      request_start = std::chrono::steady_clock::now();
      request_who = "-";
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server->set_error_handler([this](const httplib::Request& request, httplib::Response& response) {
      if (!response.body.empty()) return;
      ThreadLanguage language(RequestLanguage(request, options.language));
      Reply reply = response.status == 413
                        ? Refusal(413, "too_large",
                                  Tr("the request is larger than {0} bytes", options.max_body))
                    : response.status == 404
                        ? Refusal(404, "not_found", Tr("no such page: {0}", request.path))
                        : Refusal(response.status, "malformed", Tr("the request is malformed"));
      response.set_content(reply.body, reply.content_type);
    });
    server->set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            spdlog::error("request failed: {}", e.what());
          } catch (...) {
            spdlog::error("request failed");
          }
          response.status = 500;
          response.set_content(ErrorJson("storage", Tr("the server failed to answer")), kJson);
        });
    // One line per request: never a query (it may carry ids), a cookie, a code or a secret.
    server->set_logger([](const httplib::Request& request, const httplib::Response& response) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          request_start);
      spdlog::info("{} {} {} {:.1f} ms {} {}", request.method, request.path, response.status,
                   ms.count(), request.remote_addr, request_who);
    });
  }
};

const std::vector<WebServer::Impl::Route>& WebServer::Impl::Table() {
  static const std::vector<Route> table = {
      {"POST", "/api/signin", Access::kPublic, &Impl::SignIn},
      {"POST", "/api/admin/signin", Access::kPublic, &Impl::AdminSignIn},
      {"POST", "/api/signout", Access::kSession, &Impl::SignOut},
      {"GET", "/api/me", Access::kSession, &Impl::Me},
      {"GET", "/api/exams", Access::kAdmin, &Impl::Exams},
      {"GET", "/api/exams/{exam}", Access::kExam, &Impl::Exam},
      {"GET", "/api/exams/{exam}/candidates", Access::kExam, &Impl::Candidates},
      {"GET", "/api/exams/{exam}/judges", Access::kExam, &Impl::Judges},
      {"GET", "/api/exams/{exam}/sheet", Access::kMarking, &Impl::Sheet},
      {"PUT", "/api/exams/{exam}/marks", Access::kMarking, &Impl::PutMark},
      {"POST", "/api/exams/{exam}/marks/withdraw", Access::kChief, &Impl::WithdrawMark},
      {"GET", "/api/exams/{exam}/next-missing", Access::kMarking, &Impl::NextMissing},
      {"GET", "/api/exams/{exam}/progress", Access::kExam, &Impl::Progress},
      {"GET", "/api/exams/{exam}/status", Access::kBoard, &Impl::Status},
      {"POST", "/api/exams/{exam}/locks", Access::kChief, &Impl::Lock},
      {"DELETE", "/api/exams/{exam}/locks/{subcriterion}", Access::kChief, &Impl::Unlock},
      {"POST", "/api/exams/{exam}/candidates/{candidate}/status", Access::kChief,
       &Impl::SetCandidateStatus},
      {"GET", "/api/exams/{exam}/sessions", Access::kBoard, &Impl::Sessions},
      {"GET", "/api/exams/{exam}/results", Access::kBoard, &Impl::Results},
      {"GET", "/api/exams/{exam}/results.csv", Access::kBoard, &Impl::ResultsCsvFile},
      {"GET", "/api/exams/{exam}/results.xlsx", Access::kBoard, &Impl::ResultsWorkbook},
      {"GET", "/api/exams/{exam}/protocol.pdf", Access::kBoard, &Impl::Protocol},
      {"GET", "/api/exams/{exam}/analytics", Access::kBoard, &Impl::Analytics},
      {"GET", "/api/exams/{exam}/passports", Access::kBoard, &Impl::Passports},
      {"POST", "/api/exams/{exam}/passports/issue", Access::kBoard, &Impl::IssuePassports},
      {"POST", "/api/exams/{exam}/passports/{number}/revoke", Access::kBoard,
       &Impl::RevokePassport},
      {"GET", "/api/exams/{exam}/passports/{number}.json", Access::kBoard, &Impl::PassportRecord},
      {"GET", "/api/exams/{exam}/passports/{number}.pdf", Access::kBoard,
       &Impl::PassportCertificate},
      {"GET", "/api/exams/{exam}/certificates.zip", Access::kBoard, &Impl::Certificates},
  };
  return table;
}

std::vector<RouteName> Routes() {
  std::vector<RouteName> names;
  for (const WebServer::Impl::Route& route : WebServer::Impl::Table()) {
    names.push_back({route.method, route.path});
  }
  names.push_back({"GET", "/api/exams/{exam}/events"});
  for (const char* page : {"/", "/judge", "/board", "/admin", "/assets/{path}"}) {
    names.push_back({"GET", page});
  }
  return names;
}

WebServer::WebServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

WebServer::~WebServer() = default;

tl::expected<int, std::string> WebServer::Bind() {
  if (sodium_init() < 0) return tl::make_unexpected(Tr("libsodium failed to start"));
  PreloadLanguages();
  const ServerOptions& options = impl_->options;
  {
    auto lease = impl_->backends.Acquire();  // the database exists and opens
    if (!lease) return tl::make_unexpected(StoreMessage(lease.error()));
  }
  if (options.tls_certificate) {
    auto tls = std::make_unique<httplib::SSLServer>(options.tls_certificate->c_str(),
                                                    options.tls_key.value_or("").c_str());
    if (!tls->is_valid()) {
      return tl::make_unexpected(Tr("cannot use the TLS certificate {0} with the key {1}",
                                    *options.tls_certificate, options.tls_key.value_or("")));
    }
    impl_->server = std::move(tls);
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  impl_->Configure();
  impl_->Register();
  int port = options.port;
  if (port == 0) {
    port = impl_->server->bind_to_any_port(options.host);
    if (port < 0) port = 0;
  } else if (!impl_->server->bind_to_port(options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return tl::make_unexpected(Tr("cannot listen on {0}:{1}", options.host, options.port));
  }
  if (::listen(impl_->listening_socket, kListenBacklog) != 0) {
    spdlog::warn("the listen backlog stays at httplib's 5: {}", std::strerror(errno));
  }
  return port;
}

void WebServer::Serve() { impl_->server->listen_after_bind(); }

void WebServer::Stop() {
  impl_->stopping = true;
  impl_->feed.WakeAll();
  if (impl_->server) impl_->server->stop();
}

}  // namespace skillscore::web

// The bundle file (exam_bundle.h): JSON Lines, one object per line, so that a bundle of a million
// marks is written and read a line at a time with the project's JSON writer and strict reader.
//
//   line 1        {"format": "skillscore-exam-bundle/1", "exam": {…}, "candidates": […], …}
//   next lines    {"event": {…}}   the exam's chain, in order (head.events of them)
//                 {"mark": {…}}    its stored marks, in entry order (head.marks of them)
//   last line     {"sha256": "…"}  of every byte before this line
//
// The trailer is checked before anything is read, so one changed byte anywhere is refused before a
// store sees a row; the counts in the head find a file cut at a line boundary and re-hashed.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <istream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "skillscore/exam_bundle.h"
#include "skillscore/i18n.h"
#include "skillscore/json_fields.h"
#include "skillscore/json_value.h"
#include "skillscore/json_writer.h"
#include "skillscore/sha256.h"

namespace skillscore {

struct BundleFileWriter::Hash {
  Hash() : context(EVP_MD_CTX_new()) {
    if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(context);
      throw std::runtime_error("SHA-256 initialisation failed");
    }
  }
  ~Hash() { EVP_MD_CTX_free(context); }
  void Update(std::string_view bytes) {
    if (EVP_DigestUpdate(context, bytes.data(), bytes.size()) != 1) {
      throw std::runtime_error("SHA-256 computation failed");
    }
  }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context, digest, &length) != 1) {
      throw std::runtime_error("SHA-256 computation failed");
    }
    return LowercaseHex({digest, length});
  }
  EVP_MD_CTX* context;
};

namespace {

using Layout = JsonWriter::Layout;
using internal::JsonFields;

void OptionalString(JsonWriter& json, const char* key, const std::optional<std::string>& value) {
  json.Key(key);
  if (value) {
    json.String(*value);
  } else {
    json.Null();
  }
}

void OptionalInteger(JsonWriter& json, const char* key, const std::optional<std::int64_t>& value) {
  json.Key(key);
  if (value) {
    json.Integer(*value);
  } else {
    json.Null();
  }
}

void Strings(JsonWriter& json,
             std::initializer_list<std::pair<const char*, const std::string*>> members) {
  for (const auto& [key, value] : members) {
    json.Key(key);
    json.String(*value);
  }
}

void WriteExam(JsonWriter& json, const BundleExam& exam) {
  json.Key("exam");
  json.BeginObject(Layout::kInline);
  Strings(json, {{"id", &exam.id},
                 {"date", &exam.date},
                 {"site", &exam.site},
                 {"chief", &exam.chief},
                 {"created_at", &exam.created_at},
                 {"timezone", &exam.timezone},
                 {"rubric_code", &exam.rubric_code},
                 {"rubric_version", &exam.rubric_version},
                 {"rubric_sha256", &exam.rubric_sha256},
                 {"rubric_title", &exam.rubric_title},
                 {"rubric_yaml", &exam.rubric_yaml}});
  json.EndObject();
}

void WritePeople(JsonWriter& json, const char* key, const char* attribute,
                 const std::vector<BundlePerson>& people) {
  json.Key(key);
  json.BeginArray(Layout::kInline);
  for (const BundlePerson& person : people) {
    json.BeginObject(Layout::kInline);
    Strings(json, {{"id", &person.code},
                   {"name", &person.name},
                   {"organization", &person.organization},
                   {attribute, &person.attribute}});
    if (!person.subcriteria.empty()) Strings(json, {{"subcriteria", &person.subcriteria}});
    json.EndObject();
  }
  json.EndArray();
}

void WriteHeadLists(JsonWriter& json, const BundleHead& head) {
  json.Key("locks");
  json.BeginArray(Layout::kInline);
  for (const BundleLock& lock : head.locks) {
    json.BeginObject(Layout::kInline);
    Strings(json, {{"subcriterion", &lock.subcriterion},
                   {"locked_by", &lock.locked_by},
                   {"locked_at", &lock.locked_at}});
    json.EndObject();
  }
  json.EndArray();
  json.Key("passports");
  json.BeginArray(Layout::kInline);
  for (const BundlePassport& passport : head.passports) {
    json.BeginObject(Layout::kInline);
    Strings(json, {{"number", &passport.number},
                   {"candidate", &passport.candidate},
                   {"record", &passport.record},
                   {"marks_sha256", &passport.marks_sha256},
                   {"rubric_sha256", &passport.rubric_sha256},
                   {"issued_at", &passport.issued_at}});
    OptionalString(json, "supersedes", passport.supersedes);
    OptionalString(json, "revoked_at", passport.revoked_at);
    OptionalString(json, "revoked_by", passport.revoked_by);
    OptionalString(json, "revoked_reason", passport.revoked_reason);
    json.EndObject();
  }
  json.EndArray();
  json.Key("codes");
  json.BeginArray(Layout::kInline);
  for (const BundleCode& code : head.codes) {
    json.BeginObject(Layout::kInline);
    json.Key("number");
    json.Integer(code.number);
    Strings(json, {{"judge", &code.judge},
                   {"hash", &code.hash},
                   {"issued_at", &code.issued_at},
                   {"issued_by", &code.issued_by}});
    OptionalString(json, "revoked_at", code.revoked_at);
    OptionalString(json, "revoked_by", code.revoked_by);
    OptionalString(json, "revoked_reason", code.revoked_reason);
    json.EndObject();
  }
  json.EndArray();
  json.Key("pin_required");
  json.Bool(head.pin_required);
  json.Key("batches");
  json.BeginArray(Layout::kInline);
  for (const BundleBatch& batch : head.batches) {
    json.BeginObject(Layout::kInline);
    Strings(json,
            {{"actor", &batch.actor}, {"file", &batch.file}, {"entered_at", &batch.entered_at}});
    for (auto [key, value] : std::initializer_list<std::pair<const char*, std::int64_t>>{
             {"first_entry", batch.first_entry},
             {"rows", batch.rows},
             {"added", batch.added},
             {"changed", batch.changed},
             {"unchanged", batch.unchanged}}) {
      json.Key(key);
      json.Integer(value);
    }
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace

BundleFileWriter::BundleFileWriter(std::ostream& out)
    : out_(out), hash_(std::make_unique<Hash>()) {}

BundleFileWriter::~BundleFileWriter() = default;

void BundleFileWriter::Line(const std::string& json) {
  hash_->Update(json);
  hash_->Update("\n");
  out_ << json << '\n';
}

void BundleFileWriter::Head(const BundleHead& head) {
  JsonWriter json;
  json.BeginObject(Layout::kInline);
  json.Key("format");
  json.String(kBundleFormat);
  WriteExam(json, head.exam);
  WritePeople(json, "candidates", "status", head.candidates);
  WritePeople(json, "judges", "role", head.judges);
  WriteHeadLists(json, head);
  json.Key("events");
  json.Integer(head.events);
  json.Key("chain_head");
  json.String(head.chain_head);
  json.Key("marks");
  json.Integer(head.marks);
  json.EndObject();
  Line(json.text());
}

void BundleFileWriter::Event(const BundleEvent& event) {
  JsonWriter json;
  json.BeginObject(Layout::kInline);
  json.Key("event");
  json.BeginObject(Layout::kInline);
  json.Key("id");
  json.Integer(event.id);
  Strings(json, {{"at", &event.at},
                 {"actor", &event.actor},
                 {"action", &event.action},
                 {"exam", &event.exam},
                 {"subject", &event.subject},
                 {"old_value", &event.old_value},
                 {"new_value", &event.new_value},
                 {"reason", &event.reason}});
  OptionalInteger(json, "first_entry", event.first_entry);
  OptionalInteger(json, "entries", event.entries);
  Strings(json, {{"state", &event.state}, {"prev_hash", &event.prev_hash}, {"hash", &event.hash}});
  json.EndObject();
  json.EndObject();
  Line(json.text());
}

void BundleFileWriter::Mark(const BundleMark& mark) {
  JsonWriter json;
  json.BeginObject(Layout::kInline);
  json.Key("mark");
  json.BeginObject(Layout::kInline);
  json.Key("entry");
  json.Integer(mark.entry);
  Strings(json, {{"candidate", &mark.candidate}, {"aspect", &mark.aspect}, {"judge", &mark.judge}});
  json.Key("judgement");
  json.Bool(mark.judgement);
  OptionalInteger(json, "value", mark.value);
  json.Key("den");
  json.Integer(mark.den);
  json.Key("note");
  json.String(mark.note);
  json.Key("withdrawn");
  json.Bool(mark.withdrawn);
  json.Key("current");
  json.Bool(mark.current);
  json.EndObject();
  json.EndObject();
  Line(json.text());
}

void BundleFileWriter::Finish() {
  JsonWriter json;
  json.BeginObject(Layout::kInline);
  json.Key("sha256");
  json.String(hash_->Hex());
  json.EndObject();
  out_ << json.text() << '\n';
  out_.flush();
}

// The lines of the file before its trailer, numbered from 1.
struct BundleFileReader::Lines {
  std::unique_ptr<std::istream> in;
  std::uint64_t end = 0;  // where the trailer begins
  std::uint64_t at = 0;   // bytes read so far
  int number = 0;         // of the line last read

  // The next line, or nullopt at the trailer.
  std::optional<std::string> Next() {
    if (at >= end) return std::nullopt;
    std::string line;
    std::getline(*in, line);
    at += line.size() + 1;
    ++number;
    return line;
  }
};

namespace {

Diagnostic Fault(const std::string& file, int line, int column, std::string message) {
  return Diagnostic{Severity::kError, file, line, column, std::move(message)};
}

}  // namespace

BundleFileReader::BundleFileReader(std::unique_ptr<Lines> lines, std::string name)
    : lines_(std::move(lines)), name_(std::move(name)) {}

BundleFileReader::~BundleFileReader() = default;

namespace {

constexpr std::size_t kPiece = 1 << 20;

// Checks the trailer against the bytes before it; where the trailer begins.
tl::expected<std::uint64_t, Diagnostic> CheckTrailer(std::istream& in, const std::string& name) {
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  const std::uint64_t tail_size = std::min<std::uint64_t>(size, 4096);
  std::string tail(tail_size, '\0');
  in.seekg(static_cast<std::streamoff>(size - tail_size));
  in.read(tail.data(), static_cast<std::streamsize>(tail_size));
  if (size == 0 || tail.back() != '\n') {
    return tl::unexpected(Fault(name, 0, 0,
                                Tr("the bundle ends at byte {0} without its closing line "
                                   "(sha256): it is truncated or not a skillscore exam bundle",
                                   size)));
  }
  const std::size_t previous = tail.rfind('\n', tail.size() - 2);
  if (previous == std::string::npos && size > tail_size) {
    return tl::unexpected(
        Fault(name, 0, 0, Tr("the bundle's last line is not its closing line (sha256)")));
  }
  const std::uint64_t trailer_start =
      previous == std::string::npos ? 0 : size - tail_size + previous + 1;
  std::string trailer_text =
      tail.substr(static_cast<std::size_t>(trailer_start - (size - tail_size)));
  trailer_text.pop_back();
  // Hash everything before the trailer, counting lines to name the trailer's.
  in.clear();
  in.seekg(0);
  BundleFileWriter::Hash hash;
  std::string piece(kPiece, '\0');
  int lines = 0;
  for (std::uint64_t left = trailer_start; left > 0;) {
    const auto take = static_cast<std::streamsize>(std::min<std::uint64_t>(left, kPiece));
    in.read(piece.data(), take);
    if (in.gcount() != take) {
      return tl::unexpected(Fault(name, 0, 0, Tr("the bundle could not be read")));
    }
    std::string_view bytes(piece.data(), static_cast<std::size_t>(take));
    lines += static_cast<int>(std::count(bytes.begin(), bytes.end(), '\n'));
    hash.Update(bytes);
    left -= static_cast<std::uint64_t>(take);
  }
  const int trailer_line = lines + 1;
  auto trailer = ParseStrictJson(trailer_text, name);
  std::optional<std::string> error;
  std::string declared;
  if (trailer) {
    JsonFields fields(*trailer, "", error);
    declared = fields.String("sha256");
    fields.RefuseOthers();
  } else {
    error = trailer.error().message;
  }
  if (error) {
    return tl::unexpected(
        Fault(name, trailer_line, 0,
              Tr("the bundle's last line is not its closing line (sha256): {0}; it is truncated or "
                 "not a skillscore exam bundle",
                 *error)));
  }
  if (hash.Hex() != declared) {
    return tl::unexpected(Fault(name, trailer_line, 0,
                                Tr("the bundle was changed or damaged: its content does not match "
                                   "the SHA-256 of its closing line ({0})",
                                   declared)));
  }
  in.clear();
  in.seekg(0);
  return trailer_start;
}

void ReadPeople(JsonFields& fields, const char* key, const char* attribute,
                std::vector<BundlePerson>& people, std::optional<std::string>& error) {
  fields.Each(key, [&](const JsonNode& node, const std::string& path) {
    JsonFields person(node, path, error);
    people.push_back({person.String("id"), person.String("name"), person.String("organization"),
                      person.String(attribute)});
    // A judge's marking groups; absent in a bundle made before them, or for a judge in none.
    if (std::string_view(key) == "judges") {
      people.back().subcriteria = person.StringIfPresent("subcriteria");
    }
    person.RefuseOthers();
  });
}

void ReadHeadLists(JsonFields& fields, BundleHead& head, std::optional<std::string>& error) {
  fields.Each("locks", [&](const JsonNode& node, const std::string& path) {
    JsonFields lock(node, path, error);
    head.locks.push_back(
        {lock.String("subcriterion"), lock.String("locked_by"), lock.String("locked_at")});
    lock.RefuseOthers();
  });
  fields.Each("passports", [&](const JsonNode& node, const std::string& path) {
    JsonFields passport(node, path, error);
    BundlePassport row;
    row.number = passport.String("number");
    row.candidate = passport.String("candidate");
    row.record = passport.String("record");
    row.marks_sha256 = passport.String("marks_sha256");
    row.rubric_sha256 = passport.String("rubric_sha256");
    row.issued_at = passport.String("issued_at");
    row.supersedes = passport.StringOrNull("supersedes");
    row.revoked_at = passport.StringOrNull("revoked_at");
    row.revoked_by = passport.StringOrNull("revoked_by");
    row.revoked_reason = passport.StringOrNull("revoked_reason");
    passport.RefuseOthers();
    head.passports.push_back(std::move(row));
  });
  fields.Each("codes", [&](const JsonNode& node, const std::string& path) {
    JsonFields code(node, path, error);
    BundleCode row;
    row.number = code.WholeNumber("number");
    row.judge = code.String("judge");
    row.hash = code.String("hash");
    row.issued_at = code.String("issued_at");
    row.issued_by = code.String("issued_by");
    row.revoked_at = code.StringOrNull("revoked_at");
    row.revoked_by = code.StringOrNull("revoked_by");
    row.revoked_reason = code.StringOrNull("revoked_reason");
    code.RefuseOthers();
    head.codes.push_back(std::move(row));
  });
  head.pin_required = fields.Bool("pin_required");
  fields.Each("batches", [&](const JsonNode& node, const std::string& path) {
    JsonFields batch(node, path, error);
    BundleBatch row;
    row.actor = batch.String("actor");
    row.file = batch.String("file");
    row.entered_at = batch.String("entered_at");
    row.first_entry = batch.WholeNumber("first_entry");
    row.rows = batch.WholeNumber("rows");
    row.added = batch.WholeNumber("added");
    row.changed = batch.WholeNumber("changed");
    row.unchanged = batch.WholeNumber("unchanged");
    batch.RefuseOthers();
    head.batches.push_back(std::move(row));
  });
}

}  // namespace

tl::expected<void, Diagnostic> BundleFileReader::ReadHead() {
  auto line = lines_->Next();
  if (!line) return tl::unexpected(Fault(name_, 1, 0, Tr("the bundle has no head line")));
  auto json = ParseStrictJson(*line, name_);
  if (!json) {
    Diagnostic fault = json.error();
    fault.line = lines_->number;
    return tl::unexpected(fault);
  }
  std::optional<std::string> error;
  JsonFields fields(*json, "", error);
  if (fields.String("format") != kBundleFormat && !error) {
    return tl::unexpected(
        Fault(name_, lines_->number, 0,
              Tr("format: expected \"{0}\" (a skillscore exam bundle)", kBundleFormat)));
  }
  {
    JsonFields exam(fields.Object("exam"), "exam", error);
    BundleExam& row = head_.exam;
    row.id = exam.String("id");
    row.date = exam.String("date");
    row.site = exam.String("site");
    row.chief = exam.String("chief");
    row.created_at = exam.String("created_at");
    row.timezone = exam.String("timezone");
    row.rubric_code = exam.String("rubric_code");
    row.rubric_version = exam.String("rubric_version");
    row.rubric_sha256 = exam.String("rubric_sha256");
    row.rubric_title = exam.String("rubric_title");
    row.rubric_yaml = exam.String("rubric_yaml");
    exam.RefuseOthers();
  }
  ReadPeople(fields, "candidates", "status", head_.candidates, error);
  ReadPeople(fields, "judges", "role", head_.judges, error);
  ReadHeadLists(fields, head_, error);
  head_.events = fields.WholeNumber("events");
  head_.chain_head = fields.String("chain_head");
  head_.marks = fields.WholeNumber("marks");
  fields.RefuseOthers();
  if (error) return tl::unexpected(Fault(name_, lines_->number, 0, *error));
  return {};
}

namespace {

// The object under `key` of a line, which must be the line's only member.
tl::expected<JsonNode, Diagnostic> LineObject(const std::string& line, int number,
                                              const std::string& name, const char* key) {
  auto json = ParseStrictJson(line, name);
  if (!json) {
    Diagnostic fault = json.error();
    fault.line = number;
    return tl::unexpected(fault);
  }
  if (json->type != JsonNode::Type::kObject || json->members.size() != 1 ||
      json->members.front().first != key) {
    return tl::unexpected(Fault(name, number, 0, Tr("expected a line {{\"{0}\": {{…}}}}", key)));
  }
  return std::move(json->members.front().second);
}

}  // namespace

tl::expected<JsonNode, Diagnostic> BundleFileReader::NextRecord(const char* key, std::int64_t read,
                                                                std::int64_t announced) {
  auto line = lines_->Next();
  if (!line) {
    return tl::unexpected(
        Fault(name_, lines_->number + 1, 0,
              std::string_view(key) == "event"
                  ? Tr("the bundle ends after {0} of its {1} events", read, announced)
                  : Tr("the bundle ends after {0} of its {1} marks", read, announced)));
  }
  return LineObject(*line, lines_->number, name_, key);
}

tl::expected<std::optional<BundleEvent>, Diagnostic> BundleFileReader::NextEvent() {
  if (events_read_ == head_.events) return std::nullopt;
  auto node = NextRecord("event", events_read_, head_.events);
  if (!node) return tl::unexpected(node.error());
  std::optional<std::string> error;
  JsonFields fields(*node, "event", error);
  BundleEvent event;
  event.id = fields.WholeNumber("id");
  event.at = fields.String("at");
  event.actor = fields.String("actor");
  event.action = fields.String("action");
  event.exam = fields.String("exam");
  event.subject = fields.String("subject");
  event.old_value = fields.String("old_value");
  event.new_value = fields.String("new_value");
  event.reason = fields.String("reason");
  event.first_entry = fields.WholeNumberOrNull("first_entry");
  event.entries = fields.WholeNumberOrNull("entries");
  event.state = fields.String("state");
  event.prev_hash = fields.String("prev_hash");
  event.hash = fields.String("hash");
  fields.RefuseOthers();
  if (error) return tl::unexpected(Fault(name_, lines_->number, 0, *error));
  ++events_read_;
  return event;
}

tl::expected<std::optional<BundleMark>, Diagnostic> BundleFileReader::NextMark() {
  if (marks_read_ == head_.marks) {
    if (lines_->Next()) {
      return tl::unexpected(Fault(name_, lines_->number, 0,
                                  Tr("the bundle has more lines than its head announces "
                                     "({0} events, {1} marks)",
                                     head_.events, head_.marks)));
    }
    return std::nullopt;
  }
  auto node = NextRecord("mark", marks_read_, head_.marks);
  if (!node) return tl::unexpected(node.error());
  std::optional<std::string> error;
  JsonFields fields(*node, "mark", error);
  BundleMark mark;
  mark.entry = fields.WholeNumber("entry");
  mark.candidate = fields.String("candidate");
  mark.aspect = fields.String("aspect");
  mark.judge = fields.String("judge");
  mark.judgement = fields.Bool("judgement");
  mark.value = fields.WholeNumberOrNull("value");
  mark.den = fields.WholeNumber("den");
  mark.note = fields.String("note");
  mark.withdrawn = fields.Bool("withdrawn");
  mark.current = fields.Bool("current");
  fields.RefuseOthers();
  if (!error && mark.den <= 0) error = Tr("mark.den: expected a positive whole number");
  if (error) return tl::unexpected(Fault(name_, lines_->number, 0, *error));
  ++marks_read_;
  return mark;
}

tl::expected<std::unique_ptr<BundleFileReader>, Diagnostic> BundleFileReader::Open(
    const std::string& path, const std::string& name) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return tl::unexpected(Fault(name, 0, 0, Tr("cannot open the bundle for reading")));
  auto lines = std::make_unique<Lines>();
  auto end = CheckTrailer(*in, name);
  if (!end) return tl::unexpected(end.error());
  lines->in = std::move(in);
  lines->end = *end;
  std::unique_ptr<BundleFileReader> reader(new BundleFileReader(std::move(lines), name));
  if (auto head = reader->ReadHead(); !head) return tl::unexpected(head.error());
  return reader;
}

tl::expected<std::unique_ptr<BundleFileReader>, Diagnostic> BundleFileReader::FromText(
    std::string text, const std::string& name) {
  auto in = std::make_unique<std::istringstream>(std::move(text));
  auto lines = std::make_unique<Lines>();
  auto end = CheckTrailer(*in, name);
  if (!end) return tl::unexpected(end.error());
  lines->in = std::move(in);
  lines->end = *end;
  std::unique_ptr<BundleFileReader> reader(new BundleFileReader(std::move(lines), name));
  if (auto head = reader->ReadHead(); !head) return tl::unexpected(head.error());
  return reader;
}

}  // namespace skillscore

#include "views.h"

#include <fmt/chrono.h>

#include <algorithm>

#include "skillscore/disputed_panel.h"
#include "skillscore/json_writer.h"
#include "skillscore/mark_value.h"
#include "skillscore/marking_groups.h"
#include "skillscore/progress.h"
#include "skillscore/report.h"

namespace skillscore::web {
namespace {

std::string Utc(Clock::time_point at) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(Clock::to_time_t(at)));
}

const char* ChangeName(Change change) {
  switch (change) {
    case Change::kAdded:
      return "added";
    case Change::kChanged:
      return "changed";
    case Change::kUnchanged:
      return "unchanged";
  }
  return "unchanged";
}

const char* AspectKind(const Aspect& aspect) {
  if (aspect.type == AspectType::kJudgement) return "judgement";
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return "pass_fail";
    case Calculation::kNumberCompleted:
      return "number_completed";
    case Calculation::kChoice:
      return "choice";
    case Calculation::kRanged:
      return "ranged";
  }
  return "pass_fail";
}

// A decimal for the API: exact to the rubric's two places, trailing zeros trimmed ("1.5", "2").
std::string Decimal(const Rational& value) { return ReportNumber(value, 2); }

void StringMember(JsonWriter& json, std::string_view key, std::string_view value) {
  json.Key(key);
  json.String(value);
}

void StringList(JsonWriter& json, std::string_view key, const std::vector<std::string>& items) {
  json.Key(key);
  json.BeginArray(JsonWriter::Layout::kInline);
  for (const std::string& item : items) json.String(item);
  json.EndArray();
}

const SubcriterionLock* LockOf(const std::vector<SubcriterionLock>& locks, std::string_view id) {
  auto found = std::find_if(locks.begin(), locks.end(),
                            [&](const SubcriterionLock& lock) { return lock.subcriterion == id; });
  return found == locks.end() ? nullptr : &*found;
}

const Judge* JudgeOf(const ExamData& data, std::string_view id) {
  auto found = std::find_if(data.judges.begin(), data.judges.end(),
                            [&](const Judge& judge) { return judge.id == id; });
  return found == data.judges.end() ? nullptr : &*found;
}

// Whether the conflict-of-interest rule lets `judge` mark `candidate`.
bool MayMark(const ExamData& data, const Judge* judge, const Candidate& candidate) {
  return judge &&
         !SharedOrganization(data.rubric.policy, judge->organization, candidate.organization);
}

bool Scored(const AspectRecord& record, std::string_view judge) {
  return std::any_of(record.panel.begin(), record.panel.end(),
                     [&](const PanelScore& score) { return score.judge == judge; });
}

// The marking group of each aspect's sub-criterion (marking_groups.h), by aspect ordinal: found
// once per answer, since Owes is asked for every judge, candidate and aspect.
using AspectGroups = std::vector<std::vector<std::string>>;
AspectGroups GroupsByAspect(const ExamData& data) {
  AspectGroups groups;
  for (std::size_t ordinal = 0; ordinal < data.rubric.AspectCount(); ++ordinal) {
    groups.push_back(MarkingGroup(data.judges, SubcriterionOf(data.rubric, ordinal).id));
  }
  return groups;
}

// Whether `judge` owes a score to the judgement panel of the aspect with ordinal `ordinal`: the
// exam's rule (OwesScore, progress.h).
bool Owes(const ExamData& data, const AspectGroups& groups, const Judge* judge,
          const CandidateSheet& sheet, std::size_t ordinal) {
  return judge && OwesScore(data.rubric.policy, groups[ordinal], *judge, sheet.candidate,
                            sheet.aspects[ordinal]);
}

void Panel(JsonWriter& json, const std::vector<PanelScore>& panel) {
  json.BeginArray(JsonWriter::Layout::kInline);
  for (const PanelScore& score : panel) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "judge", score.judge);
    json.Key("score");
    json.Integer(score.score);
    json.EndObject();
  }
  json.EndArray();
}

void Aspect(JsonWriter& json, const skillscore::Aspect& aspect) {
  json.BeginObject();
  StringMember(json, "id", aspect.id);
  StringMember(json, "kind", AspectKind(aspect));
  StringMember(json, "text", aspect.text);
  StringMember(json, "max", Decimal(aspect.max));
  if (aspect.type == AspectType::kJudgement) {
    json.Key("levels");
    json.BeginArray();
    for (const std::string& level : aspect.levels) json.String(level);
    json.EndArray();
  } else if (aspect.calculation == Calculation::kNumberCompleted) {
    json.Key("number_completed");
    json.Integer(aspect.number_completed);
  } else if (aspect.calculation == Calculation::kChoice) {
    json.Key("options");
    json.BeginArray();
    for (const ChoiceOption& option : aspect.options) json.String(option.label);
    json.EndArray();
  } else if (aspect.calculation == Calculation::kRanged) {
    json.Key("ranges");
    json.BeginArray();
    for (const Range& range : aspect.ranges) {
      json.BeginObject(JsonWriter::Layout::kInline);
      StringMember(json, "from", Decimal(range.from));
      StringMember(json, "to", Decimal(range.to));
      StringMember(json, "deduct", Decimal(range.deduct));
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
}

void ExamSummary(JsonWriter& json, const ExamInfo& exam) {
  StringMember(json, "id", exam.id);
  StringMember(json, "rubric", exam.rubric.code + "@" + exam.rubric.version);
  StringMember(json, "rubric_title", exam.rubric.title);
  StringMember(json, "date", exam.date);
  StringMember(json, "site", exam.site);
  StringMember(json, "chief", exam.chief);
  StringMember(json, "timezone", exam.timezone);
}

void SubcriterionCounts(JsonWriter& json, const SubcriterionProgress& progress,
                        const std::vector<SubcriterionLock>& locks) {
  StringMember(json, "id", progress.id);
  for (auto [key, count] :
       {std::pair{"expected", progress.expected}, std::pair{"entered", progress.entered},
        std::pair{"missing", progress.missing}, std::pair{"disputed", progress.disputed}}) {
    json.Key(key);
    json.Integer(static_cast<std::int64_t>(count));
  }
  json.Key("complete");
  json.Bool(progress.complete);
  const SubcriterionLock* lock = LockOf(locks, progress.id);
  json.Key("locked");
  json.Bool(lock != nullptr);
  if (lock) StringMember(json, "locked_by", lock->locked_by);
}

}  // namespace

std::string ErrorJson(std::string_view code, std::string_view message,
                      const Diagnostics& diagnostics, std::string_view refusal) {
  JsonWriter json;
  json.BeginObject();
  StringMember(json, "code", code);
  if (!refusal.empty()) StringMember(json, "refusal", refusal);
  StringMember(json, "message", message);
  if (!diagnostics.empty()) {
    json.Key("diagnostics");
    json.BeginArray();
    for (const Diagnostic& diagnostic : diagnostics) json.String(FormatDiagnostic(diagnostic));
    json.EndArray();
  }
  json.EndObject();
  return json.text() + "\n";
}

std::string SessionJson(const Session& session) {
  JsonWriter json;
  json.BeginObject();
  StringMember(json, "role", RoleName(session.role));
  if (session.role != Role::kAdmin) {
    StringMember(json, "exam", session.exam);
    StringMember(json, "judge", session.judge);
  }
  StringMember(json, "name", session.name);
  StringMember(json, "csrf", session.csrf);
  StringMember(json, "lang", session.language == Language::kRussian ? "ru" : "en");
  StringMember(json, "expires_at", Utc(session.expires_at));
  json.EndObject();
  return json.text() + "\n";
}

std::string SessionsJson(const std::vector<Session>& sessions) {
  JsonWriter json;
  json.BeginArray();
  for (const Session& session : sessions) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "judge", session.judge);
    StringMember(json, "role", RoleName(session.role));
    StringMember(json, "signed_in_at", Utc(session.signed_in_at));
    StringMember(json, "last_seen", Utc(session.last_seen));
    StringMember(json, "expires_at", Utc(session.expires_at));
    json.EndObject();
  }
  json.EndArray();
  return json.text() + "\n";
}

std::string ExamListJson(const std::vector<ExamInfo>& exams) {
  JsonWriter json;
  json.BeginArray();
  for (const ExamInfo& exam : exams) {
    json.BeginObject(JsonWriter::Layout::kInline);
    ExamSummary(json, exam);
    json.EndObject();
  }
  json.EndArray();
  return json.text() + "\n";
}

std::string ExamJson(const ExamData& data, const std::vector<SubcriterionLock>& locks) {
  const Rubric& rubric = data.rubric;
  JsonWriter json;
  json.BeginObject();
  ExamSummary(json, data.exam);
  StringMember(json, "max", Decimal(rubric.max));
  json.Key("judges_per_panel");
  json.Integer(rubric.policy.judges);
  json.Key("max_spread");
  json.Integer(rubric.policy.max_spread);
  json.Key("decimals");
  json.Integer(rubric.policy.report_decimals);
  json.Key("modules");
  json.BeginArray();
  for (const Module& module : rubric.modules) {
    json.BeginObject();
    StringMember(json, "id", module.id);
    StringMember(json, "title", module.title);
    json.Key("subcriteria");
    json.BeginArray();
    for (const Subcriterion& subcriterion : module.subcriteria) {
      json.BeginObject();
      StringMember(json, "id", subcriterion.id);
      StringMember(json, "title", subcriterion.title);
      json.Key("day");
      json.Integer(subcriterion.day);
      json.Key("locked");
      json.Bool(LockOf(locks, subcriterion.id) != nullptr);
      json.Key("aspects");
      json.BeginArray();
      for (const skillscore::Aspect& aspect : subcriterion.aspects) Aspect(json, aspect);
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string CandidatesJson(const ExamData& data, const std::optional<std::string>& judge) {
  const Judge* marking = judge ? JudgeOf(data, *judge) : nullptr;
  JsonWriter json;
  json.BeginArray();
  for (const Candidate& candidate : data.candidates) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "id", candidate.id);
    StringMember(json, "name", candidate.name);
    StringMember(json, "organization", candidate.organization);
    StringMember(json, "status", CandidateStatusName(candidate.status));
    json.Key("may_mark");
    json.Bool(!judge ||
              (candidate.status == CandidateStatus::kPresent && MayMark(data, marking, candidate)));
    json.EndObject();
  }
  json.EndArray();
  return json.text() + "\n";
}

std::string JudgesJson(const ExamData& data) {
  JsonWriter json;
  json.BeginArray();
  for (const Judge& judge : data.judges) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "id", judge.id);
    StringMember(json, "name", judge.name);
    StringMember(json, "organization", judge.organization);
    StringMember(json, "role", IsChiefExpert(data, judge.id) ? "chief" : "expert");
    json.EndObject();
  }
  json.EndArray();
  return json.text() + "\n";
}

std::optional<std::string> SheetJson(const ExamData& data,
                                     const std::vector<SubcriterionLock>& locks,
                                     std::string_view judge, std::string_view candidate,
                                     std::string_view subcriterion) {
  auto sheet = std::find_if(data.sheets.begin(), data.sheets.end(),
                            [&](const CandidateSheet& s) { return s.candidate.id == candidate; });
  if (sheet == data.sheets.end()) return std::nullopt;
  const Rubric& rubric = data.rubric;
  JsonWriter json;
  json.BeginObject();
  StringMember(json, "candidate", candidate);
  StringMember(json, "subcriterion", subcriterion);
  json.Key("locked");
  json.Bool(LockOf(locks, subcriterion) != nullptr);
  json.Key("aspects");
  json.BeginArray();
  bool found = false;
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    const AspectLocation& at = rubric.aspect_order[ordinal];
    if (rubric.modules[at.module].subcriteria[at.subcriterion].id != subcriterion) continue;
    found = true;
    const skillscore::Aspect& aspect = rubric.AspectAt(ordinal);
    const AspectRecord& record = sheet->aspects[ordinal];
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "aspect", aspect.id);
    json.Key("value");
    if (aspect.type == AspectType::kMeasurement) {
      if (record.measurement) {
        json.String(MarkValueText(aspect, *record.measurement));
      } else {
        json.Null();
      }
      json.Key("panel");
      json.Null();
    } else {
      auto own = std::find_if(record.panel.begin(), record.panel.end(),
                              [&](const PanelScore& score) { return score.judge == judge; });
      if (own != record.panel.end()) {
        json.String(std::to_string(own->score));
      } else {
        json.Null();
      }
      // As `enter` shows them: the others' scores once the judge's own is in, and only when the
      // panel is then disputed — before that they could sway the judge.
      json.Key("panel");
      if (own != record.panel.end() && PanelDisputed(rubric.policy, record.panel)) {
        Panel(json, record.panel);
      } else {
        json.Null();
      }
    }
    json.Key("disputed");
    json.Bool(PanelDisputed(rubric.policy, record.panel));
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  if (!found) return std::nullopt;
  return json.text() + "\n";
}

std::string NextMissingJson(const ExamData& data, const std::vector<SubcriterionLock>& locks,
                            std::string_view judge) {
  const Rubric& rubric = data.rubric;
  const Judge* marking = JudgeOf(data, judge);
  const AspectGroups groups = GroupsByAspect(data);
  JsonWriter json;
  json.BeginObject();
  for (const CandidateSheet& sheet : data.sheets) {
    if (sheet.candidate.status != CandidateStatus::kPresent ||
        !MayMark(data, marking, sheet.candidate)) {
      continue;
    }
    for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
      const AspectLocation& at = rubric.aspect_order[ordinal];
      const Subcriterion& subcriterion = rubric.modules[at.module].subcriteria[at.subcriterion];
      if (LockOf(locks, subcriterion.id)) continue;
      const skillscore::Aspect& aspect = rubric.AspectAt(ordinal);
      const AspectRecord& record = sheet.aspects[ordinal];
      bool waits = aspect.type == AspectType::kMeasurement
                       ? !record.measurement.has_value()
                       : Owes(data, groups, marking, sheet, ordinal);
      if (!waits) continue;
      json.Key("done");
      json.Bool(false);
      StringMember(json, "candidate", sheet.candidate.id);
      StringMember(json, "subcriterion", subcriterion.id);
      StringMember(json, "aspect", aspect.id);
      json.EndObject();
      return json.text() + "\n";
    }
  }
  json.Key("done");
  json.Bool(true);
  json.EndObject();
  return json.text() + "\n";
}

std::string ProgressJson(const ExamData& data, const std::vector<SubcriterionLock>& locks,
                         const std::vector<std::string>& judges) {
  const Rubric& rubric = data.rubric;
  const AspectGroups groups = GroupsByAspect(data);
  JsonWriter json;
  json.BeginObject();
  json.Key("subcriteria");
  json.BeginArray();
  for (const SubcriterionProgress& progress : MarkingProgress(rubric, data.sheets)) {
    json.BeginObject(JsonWriter::Layout::kInline);
    SubcriterionCounts(json, progress, locks);
    json.EndObject();
  }
  json.EndArray();
  json.Key("judges");
  json.BeginArray();
  for (const std::string& id : judges) {
    const Judge* judge = JudgeOf(data, id);
    std::int64_t entered = 0;
    std::int64_t owed = 0;
    for (const CandidateSheet& sheet : data.sheets) {
      for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
        if (rubric.AspectAt(ordinal).type != AspectType::kJudgement) continue;
        const AspectRecord& record = sheet.aspects[ordinal];
        if (Scored(record, id)) ++entered;
        if (sheet.candidate.status == CandidateStatus::kPresent &&
            Owes(data, groups, judge, sheet, ordinal)) {
          ++owed;
        }
      }
    }
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "judge", id);
    json.Key("entered");
    json.Integer(entered);
    json.Key("owed");
    json.Integer(owed);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string StatusJson(const ExamStatus& status) {
  const ExamData& data = status.data;
  const Rubric& rubric = data.rubric;
  const AspectGroups groups = GroupsByAspect(data);
  JsonWriter json;
  json.BeginObject();
  json.Key("final");
  json.Bool(status.finality.Final());
  json.Key("blocked_candidates");
  json.Integer(static_cast<std::int64_t>(status.finality.blocked_candidates));
  StringList(json, "unlocked", status.finality.unlocked);
  json.Key("tampered");
  if (status.finality.tampered) {
    json.String(*status.finality.tampered);
  } else {
    json.Null();
  }
  json.Key("subcriteria");
  json.BeginArray();
  for (const SubcriterionProgress& progress : status.progress) {
    json.BeginObject();
    SubcriterionCounts(json, progress, status.locks);
    json.Key("gaps");
    json.BeginArray();
    for (const MarkGap& gap : progress.gaps) {
      json.BeginObject(JsonWriter::Layout::kInline);
      StringMember(json, "candidate", gap.candidate);
      StringMember(json, "aspect", gap.problem.aspect);
      StringMember(json, "kind", ProblemKindName(gap.problem.kind));
      auto ordinal = rubric.FindAspect(gap.problem.aspect);
      auto sheet =
          std::find_if(data.sheets.begin(), data.sheets.end(),
                       [&](const CandidateSheet& s) { return s.candidate.id == gap.candidate; });
      std::vector<std::string> owed_by;
      json.Key("scores");
      if (ordinal && sheet != data.sheets.end()) {
        const AspectRecord& record = sheet->aspects[*ordinal];
        Panel(json, record.panel);
        if (rubric.AspectAt(*ordinal).type == AspectType::kJudgement) {
          for (const Judge& judge : data.judges) {
            if (Owes(data, groups, &judge, *sheet, *ordinal)) owed_by.push_back(judge.id);
          }
        }
      } else {
        Panel(json, {});
      }
      json.Key("scores_needed");
      json.Integer(gap.problem.scores_needed);
      StringList(json, "owed_by", owed_by);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string MarkOutcomeJson(const MarkOutcome& outcome, bool repeated) {
  JsonWriter json;
  json.BeginObject();
  StringMember(json, "client_id", outcome.client_id);
  StringMember(json, "change", ChangeName(outcome.change));
  json.Key("repeated");
  json.Bool(repeated);
  StringMember(json, "candidate", outcome.candidate);
  StringMember(json, "aspect", outcome.aspect);
  StringMember(json, "judge", outcome.judge);
  StringMember(json, "value", outcome.value);
  json.EndObject();
  return json.text() + "\n";
}

std::string LockOutcomeJson(const LockOutcome& outcome) {
  JsonWriter json;
  json.BeginObject();
  StringList(json, "locked", outcome.locked);
  StringList(json, "already_locked", outcome.already_locked);
  json.Key("left_open");
  json.BeginArray();
  for (const auto& [subcriterion, why] : outcome.left_open) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "subcriterion", subcriterion);
    StringMember(json, "why", why);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string ChangeJson(Change change) {
  JsonWriter json;
  json.BeginObject(JsonWriter::Layout::kInline);
  StringMember(json, "change", ChangeName(change));
  json.EndObject();
  return json.text() + "\n";
}

}  // namespace skillscore::web

// skillscore-gen: writes realistic benchmark data for the exam database.
//
//   skillscore-gen --candidates N [--exams E] [--seed S] [--modules M] [--judgement P] --out DIR
//
// DIR/rubric.yaml is one rubric of M × 40 aspects (M modules, default 5, × 4 sub-criteria × 10
// aspects; about P %, default 40 %, judgement, every measurement calculation), valid per
// shared/spec/rubric-format.md. The everyday-commands benchmark uses `--modules 2 --judgement 60`
// (80 aspects, about 180 marks per candidate).
// For each exam DIR/BENCH-01 … holds candidates.csv, judges.csv and marks.csv of N candidates:
// one row per measurement aspect and three per judgement aspect (a panel of three judges per
// sub-criterion), never a judge of the candidate's own organisation. Panels mostly agree (spread
// ≤ 1), a few are disputed, and a few measurements are not attempted. Rows come candidate by
// candidate in rubric order, as an exported marking form would.
//
// The output depends only on the options: the generator uses its own random number generator
// (splitmix64) rather than <random>'s distributions, whose results differ between libraries.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillscore::bench {
namespace {

constexpr int kSubcriteriaPerModule = 4;
constexpr int kAspectsPerSubcriterion = 10;
constexpr int kOrganizations = 10;
constexpr int kJudgesFromColleges = 8;
constexpr int kIndependentJudges = 4;
constexpr int kPanelSize = 3;
const char* const kIndependentOrganization = "Центр оценки квалификаций";

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  std::uint64_t state_;
};

enum class Kind { kPassFail, kNumberCompleted, kChoice, kRanged, kJudgement };

struct AspectSpec {
  std::string id;
  std::string subcriterion;
  Kind kind = Kind::kPassFail;
  int hundredths = 0;  // max × 100
  int section = 1;
  int number_completed = 0;
};

// Two decimals from hundredths: 150 → "1.5", 15 → "0.15", 300 → "3".
std::string Decimal(int hundredths) {
  std::string text = std::to_string(hundredths / 100);
  int fraction = hundredths % 100;
  if (fraction == 0) return text;
  text += fraction % 10 == 0 ? "." + std::to_string(fraction / 10)
                             : (fraction < 10 ? ".0" : ".") + std::to_string(fraction);
  return text;
}

std::vector<AspectSpec> MakeAspects(int modules, int judgement_percent, Random& random) {
  constexpr int kMaxima[] = {10, 15, 20, 25, 30, 50, 75, 100, 150};
  std::vector<AspectSpec> aspects;
  for (int m = 0; m < modules; ++m) {
    for (int s = 1; s <= kSubcriteriaPerModule; ++s) {
      std::string subcriterion = std::string(1, static_cast<char>('A' + m)) + std::to_string(s);
      for (int a = 1; a <= kAspectsPerSubcriterion; ++a) {
        AspectSpec aspect;
        aspect.id = subcriterion + "." + std::to_string(a);
        aspect.subcriterion = subcriterion;
        aspect.hundredths = kMaxima[random.Below(std::size(kMaxima))];
        aspect.section = 1 + random.Below(6);
        aspect.kind = random.Chance(judgement_percent) ? Kind::kJudgement
                                                       : static_cast<Kind>(random.Below(4));
        aspect.number_completed = 2 + random.Below(9);
        aspects.push_back(aspect);
      }
    }
  }
  return aspects;
}

void WriteAspect(std::ostream& out, const AspectSpec& aspect) {
  out << "          - type: " << (aspect.kind == Kind::kJudgement ? "judgement" : "measurement")
      << "\n            text: \"Критерий " << aspect.id << "\"\n            section: \""
      << aspect.section << "\"\n            max: " << Decimal(aspect.hundredths) << "\n";
  switch (aspect.kind) {
    case Kind::kPassFail:
      break;
    case Kind::kNumberCompleted:
      out << "            calculation: { number_completed: " << aspect.number_completed << " }\n";
      break;
    case Kind::kChoice:
      out << "            calculation:\n              choice:\n"
             "                - { label: \"без замечаний\", deduct: 0 }\n"
             "                - { label: \"незначительные недочёты\", deduct: 33.3 }\n"
             "                - { label: \"существенные недочёты\", deduct: 66.6 }\n"
             "                - { label: \"не выполнено\", deduct: 100 }\n";
      break;
    case Kind::kRanged:
      out << "            calculation:\n              ranged:\n"
             "                - { from: 90, to: 100, deduct: 0 }\n"
             "                - { from: 70, to: 89.99, deduct: 25 }\n"
             "                - { from: 0, to: 69.99, deduct: 100 }\n";
      break;
    case Kind::kJudgement:
      out << "            levels:\n"
             "              0: \"ниже отраслевого стандарта\"\n"
             "              1: \"соответствует стандарту\"\n"
             "              2: \"соответствует и в отдельном превосходит\"\n"
             "              3: \"полностью превосходит стандарт\"\n";
      break;
  }
}

void WriteRubric(const std::filesystem::path& file, const std::vector<AspectSpec>& aspects) {
  int total = 0;
  int section_totals[7] = {};
  for (const AspectSpec& aspect : aspects) {
    total += aspect.hundredths;
    section_totals[aspect.section] += aspect.hundredths;
  }
  std::ofstream out(file);
  out << "format: skillscore-rubric/1\ncode: \"BENCH-2026\"\nversion: \"1\"\n"
         "title: \"Синтетическая схема оценки для измерений\"\nkind: exam\nmax: "
      << Decimal(total) << "\n\nsections:\n";
  for (int s = 1; s <= 6; ++s) {
    out << "  - id: \"" << s << "\"\n    title: \"Раздел " << s
        << "\"\n    target: " << Decimal(section_totals[s]) << "\n";
  }
  out << "\nmodules:\n";
  std::string subcriterion;
  for (const AspectSpec& aspect : aspects) {
    if (aspect.subcriterion != subcriterion) {
      if (aspect.subcriterion[1] == '1') {
        out << "  - id: " << aspect.subcriterion[0] << "\n    title: \"Модуль "
            << aspect.subcriterion[0] << "\"\n    subcriteria:\n";
      }
      subcriterion = aspect.subcriterion;
      out << "      - id: " << subcriterion << "\n        title: \"Подкритерий " << subcriterion
          << "\"\n        day: " << (subcriterion[0] <= 'B' ? 1 : 2) << "\n        aspects:\n";
    }
    WriteAspect(out, aspect);
  }
}

struct Person {
  std::string id;
  int organization = -1;  // college number, or -1 for the independent centre
};

// "C00042" from ("C", 42, 5): zero-padded to at least `width` digits.
std::string Numbered(const char* prefix, int number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + digits;
}

std::string OrganizationName(int organization) {
  return organization < 0 ? kIndependentOrganization
                          : "Колледж №" + std::to_string(organization + 1);
}

std::vector<Person> WritePeople(const std::filesystem::path& dir, int candidates, Random& random,
                                std::vector<Person>& judges) {
  std::vector<Person> people;
  std::ofstream out(dir / "candidates.csv");
  out << "id,name,organization\n";
  for (int c = 1; c <= candidates; ++c) {
    people.push_back({Numbered("C", c, 5), random.Below(kOrganizations)});
    out << people.back().id << ",Участник " << c << ","
        << OrganizationName(people.back().organization) << "\n";
  }
  std::ofstream judges_out(dir / "judges.csv");
  judges_out << "id,name,organization,role\n";
  for (int j = 1; j <= kJudgesFromColleges + kIndependentJudges; ++j) {
    judges.push_back({Numbered("J", j, 2), j <= kJudgesFromColleges ? j - 1 : -1});
    judges_out << judges.back().id << ",Эксперт " << j << ","
               << OrganizationName(judges.back().organization) << ","
               << (j == 1 ? "chief" : "expert") << "\n";
  }
  return people;
}

// Three judges of other organisations than the candidate's, in the order judges are listed.
std::vector<const Person*> PickPanel(const Person& candidate, const std::vector<Person>& judges,
                                     Random& random) {
  std::vector<const Person*> eligible;
  for (const Person& judge : judges) {
    if (judge.organization < 0 || judge.organization != candidate.organization) {
      eligible.push_back(&judge);
    }
  }
  while (eligible.size() > kPanelSize) {
    eligible.erase(eligible.begin() + random.Below(static_cast<int>(eligible.size())));
  }
  return eligible;
}

std::string MeasurementValue(const AspectSpec& aspect, Random& random) {
  if (random.Chance(1)) return "na";
  switch (aspect.kind) {
    case Kind::kPassFail:
      return random.Chance(80) ? "yes" : "no";
    case Kind::kNumberCompleted:
      return std::to_string(random.Below(aspect.number_completed + 1));
    case Kind::kChoice:
      return std::to_string(1 + random.Below(4));
    case Kind::kRanged:
      return std::to_string(40 + random.Below(60)) + "." + std::to_string(random.Below(10));
    case Kind::kJudgement:
      break;
  }
  return "na";
}

// Marks run to hundreds of megabytes: they are written through one large buffer.
bool WriteMarks(const std::filesystem::path& file, const std::vector<AspectSpec>& aspects,
                const std::vector<Person>& candidates, const std::vector<Person>& judges,
                Random& random) {
  std::FILE* out = std::fopen(file.c_str(), "wb");
  if (out == nullptr) return false;
  std::string buffer = "candidate,aspect,judge,value\n";
  for (const Person& candidate : candidates) {
    std::string subcriterion;
    std::vector<const Person*> panel;
    for (const AspectSpec& aspect : aspects) {
      if (aspect.subcriterion != subcriterion) {
        subcriterion = aspect.subcriterion;
        panel = PickPanel(candidate, judges, random);
      }
      std::string prefix = candidate.id + "," + aspect.id + ",";
      if (aspect.kind != Kind::kJudgement) {
        buffer += prefix + panel[0]->id + "," + MeasurementValue(aspect, random) + "\n";
        continue;
      }
      int base = random.Below(3);
      for (const Person* judge : panel) {
        int score = random.Chance(2) ? random.Below(4) : base + random.Below(2);
        buffer += prefix + judge->id + "," + std::to_string(score) + "\n";
      }
    }
    if (buffer.size() > (1 << 20)) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  return std::fclose(out) == 0;
}

struct Options {
  bool help = false;
  int candidates = 0;
  int exams = 1;
  std::uint64_t seed = 1;
  int modules = 5;
  int judgement_percent = 40;
  std::string out;
};

constexpr const char* kUsage =
    "usage: skillscore-gen --candidates N [--exams E] [--seed S] [--modules M] [--judgement P]\n"
    "                      --out DIR\n"
    "Writes DIR/rubric.yaml (M modules of 40 aspects, default 5; P % of them judgement,\n"
    "default 40) and, for each exam, DIR/BENCH-NN/{candidates,judges,marks}.csv (N candidates,\n"
    "about 350 marks each with the defaults).\n";

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    if (name == "--help" || name == "-h") {
      options.help = true;
      return options;
    }
    if (i + 1 >= argc) return std::nullopt;
    const char* value = argv[++i];
    if (name == "--candidates") {
      options.candidates = std::atoi(value);
    } else if (name == "--exams") {
      options.exams = std::atoi(value);
    } else if (name == "--seed") {
      options.seed = std::strtoull(value, nullptr, 10);
    } else if (name == "--modules") {
      options.modules = std::atoi(value);
    } else if (name == "--judgement") {
      options.judgement_percent = std::atoi(value);
    } else if (name == "--out") {
      options.out = value;
    } else {
      return std::nullopt;
    }
  }
  if (options.candidates <= 0 || options.exams <= 0 || options.out.empty() || options.modules < 1 ||
      options.modules > 26 || options.judgement_percent < 0 || options.judgement_percent > 100) {
    return std::nullopt;
  }
  return options;
}

int Run(const Options& options) {
  Random random(options.seed);
  std::filesystem::path out(options.out);
  std::filesystem::create_directories(out);
  std::vector<AspectSpec> aspects = MakeAspects(options.modules, options.judgement_percent, random);
  WriteRubric(out / "rubric.yaml", aspects);
  for (int e = 1; e <= options.exams; ++e) {
    std::filesystem::path dir = out / Numbered("BENCH-", e, 2);
    std::filesystem::create_directories(dir);
    std::vector<Person> judges;
    std::vector<Person> candidates = WritePeople(dir, options.candidates, random, judges);
    if (!WriteMarks(dir / "marks.csv", aspects, candidates, judges, random)) {
      std::cerr << "skillscore-gen: cannot write " << (dir / "marks.csv").string() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace skillscore::bench

int main(int argc, char** argv) {
  auto options = skillscore::bench::ParseOptions(argc, argv);
  if (!options) {
    std::cerr << skillscore::bench::kUsage;
    return 2;
  }
  if (options->help) {
    std::cout << skillscore::bench::kUsage;
    return 0;
  }
  return skillscore::bench::Run(*options);
}

#include "skillscore/certificate.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "paths.h"
#include "process.h"
#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using testing::RunResult;
using testing::TempDir;
using testing::WriteFile;

// The full path of a program on PATH (poppler-utils and zbar-tools, installed by setup.sh).
std::string Tool(const std::string& name) {
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
  for (std::string dir; std::getline(path, dir, ':');) {
    if (std::filesystem::exists(dir + "/" + name)) return dir + "/" + name;
  }
  ADD_FAILURE() << name << " is not installed (scripts/setup.sh installs it)";
  return name;
}

RunResult RunTool(const std::string& name, const std::vector<std::string>& args) {
  RunResult result = testing::Run(Tool(name), args);
  EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
  return result;
}

SignedPassport SamplePassport() {
  PassportRecord record;
  record.number = "DE-2026-0412-0001";
  record.candidate = {"C1", "Иванова Мария Сергеевна", "ГБПОУ Колледж №1"};
  record.exam = {"DE-2026-0412",
                 "09.02.07-2026-PU",
                 "Информационные системы и программирование: разработка веб-приложений",
                 "exam",
                 "2026-04-12",
                 "Колледж №1, ауд. 214"};
  record.result = {"52.17", "75", "69.56", 4, std::nullopt, std::nullopt};
  record.sections = {{"1", "Организация работы и охрана труда", "6.25", "7.5"},
                     {"2", "Разработка дизайна веб-приложений", "7.5", "8.5"}};
  record.modules = {{"A", "Проектирование", "18.5", "25"}, {"B", "Разработка", "33.67", "50"}};
  record.rubric = {"09.02.07-2026-PU", "2026.1", std::string(64, 'a')};
  record.marks_sha256 = std::string(64, 'b');
  record.issued_at = "2026-04-20T10:15:00Z";
  record.issuer = "ГБПОУ Колледж №1";
  return SignPassport(record, GenerateKey("ГБПОУ Колледж №1"));
}

// The certificate written to `dir`, as text (pdftotext keeps the reading order).
std::string CertificateText(const SignedPassport& passport, const TempDir& dir,
                            const CertificateOptions& options = {}) {
  auto pdf = CertificatePdf(passport, options);
  EXPECT_TRUE(pdf) << pdf.error();
  WriteFile(dir.File("certificate.pdf"), pdf.value_or(""));
  return RunTool("pdftotext", {dir.File("certificate.pdf"), "-"}).out;
}

class CertificateTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }
};

TEST_F(CertificateTest, QrPayloadIsNumberAndSignature) {
  SignedPassport passport = SamplePassport();
  EXPECT_EQ(PassportQrPayload(passport),
            "SKILLSCORE-PASSPORT:DE-2026-0412-0001:" + passport.signature);
}

TEST_F(CertificateTest, QrMatrixHasFinderPatternsInThreeCorners) {
  auto qr = EncodeQr(PassportQrPayload(SamplePassport()));
  ASSERT_TRUE(qr) << qr.error();
  EXPECT_EQ((qr->size - 17) % 4, 0);
  EXPECT_EQ(qr->dark.size(), static_cast<std::size_t>(qr->size * qr->size));
  int last = qr->size - 1;
  for (auto [x, y] : {std::pair{0, 0}, {last, 0}, {0, last}, {3, 3}, {last - 3, 3}}) {
    EXPECT_TRUE(qr->Dark(x, y)) << x << "," << y;
  }
  for (auto [x, y] : {std::pair{1, 1}, {7, 0}, {0, 7}, {last - 7, 0}}) {
    EXPECT_FALSE(qr->Dark(x, y)) << x << "," << y;
  }
}

TEST_F(CertificateTest, PdfShowsTheCandidateResultAndIdentityOfTheRecord) {
  TempDir dir;
  std::string text = CertificateText(SamplePassport(), dir);
  EXPECT_EQ(testing::ReadFile(dir.File("certificate.pdf")).substr(0, 5), "%PDF-");
  for (const char* expected : {"Skills passport",
                               "No. DE-2026-0412-0001",
                               "is awarded to",
                               "Иванова Мария Сергеевна",
                               "ГБПОУ Колледж №1",
                               "for passing the demonstration exam in the competency",
                               "09.02.07-2026-PU Информационные системы",
                               "Demonstration exam DE-2026-0412",
                               "2026-04-12, Колледж №1, ауд. 214",
                               "Total: 52.17 of 75.00 (69.56 %)",
                               "Grade: 4 (good)",
                               "Competency profile (marks by module)",
                               "A Проектирование",
                               "18.50 of 25.00",
                               "33.67 of 50.00",
                               "Marks by standards section",
                               "Организация работы и охрана труда",
                               "6.25",
                               "7.50",
                               "Date of issue: 2026-04-20",
                               "Chief expert",
                               "Head of the issuing organisation",
                               "signature",
                               "full name",
                               "Issued 2026-04-20 10:15 UTC by ГБПОУ Колледж №1",
                               "Rubric 09.02.07-2026-PU@2026.1",
                               "page 1 of 1"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("Supersedes"), std::string::npos);
}

TEST_F(CertificateTest, RussianExamCertificateHasTheGradeInWordsAndRussianDates) {
  SetLanguage(Language::kRussian);
  TempDir dir;
  std::string text = CertificateText(SamplePassport(), dir, {.chief_expert = "Петров П. П."});
  for (const char* expected :
       {"Итог: 52,17 из 75,00 (69,56 %)", "Оценка: 4 (хорошо)", "12.04.2026, Колледж №1",
        "Дата выдачи: 20.04.2026", "Выдан 20.04.2026 10:15 UTC", "18,50 из 25,00",
        "Главный эксперт", "Петров П. П.", "Руководитель организации", "страница 1 из 1"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(CertificateTest, PdfInRussianHasRussianLabelsAndDecimalCommas) {
  SetLanguage(Language::kRussian);
  SignedPassport passport = SamplePassport();
  passport.record.exam.kind = "competition";
  passport.record.result = {"52.17", "75", "69.56", std::nullopt, 712, "medallion"};
  passport.record.supersedes = "DE-2026-0412-0000";
  TempDir dir;
  std::string text = CertificateText(passport, dir);
  for (const char* expected :
       {"Паспорт компетенций", "№ DE-2026-0412-0001", "Чемпионат DE-2026-0412",
        "Итог: 52,17 из 75,00 (69,56 %)", "Шкала WorldSkills: 712",
        "Награда: Медальон за профессионализм", "33,67", "Заменяет паспорт № DE-2026-0412-0000"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(CertificateTest, QrCodeOnThePageDecodesToThePayload) {
  SignedPassport passport = SamplePassport();
  TempDir dir;
  CertificateText(passport, dir);
  RunTool("pdftoppm",
          {"-r", "150", "-png", "-singlefile", dir.File("certificate.pdf"), dir.File("page")});
  RunResult decoded = RunTool("zbarimg", {"--quiet", "--raw", dir.File("page.png")});
  EXPECT_EQ(decoded.out, PassportQrPayload(passport) + "\n");
}

TEST_F(CertificateTest, QrCodeHoldsTheVerificationUrlWhenATemplateIsGiven) {
  SignedPassport passport = SamplePassport();
  CertificateOptions options{.verify_url = "https://college.example/p/{number}?sig={signature}"};
  TempDir dir;
  CertificateText(passport, dir, options);
  RunTool("pdftoppm",
          {"-r", "150", "-png", "-singlefile", dir.File("certificate.pdf"), dir.File("page")});
  RunResult decoded = RunTool("zbarimg", {"--quiet", "--raw", dir.File("page.png")});
  EXPECT_EQ(decoded.out, VerifyUrl(options.verify_url, passport) + "\n");
  EXPECT_EQ(decoded.out.rfind("https://college.example/p/DE-2026-0412-0001?sig=", 0), 0u);
}

TEST_F(CertificateTest, VerifyUrlPercentEncodesNumberAndSignature) {
  SignedPassport passport = SamplePassport();
  passport.signature = "ab+c/d==";
  passport.record.number = "E 1";
  EXPECT_EQ(VerifyUrl("https://x.example/{number}?sig={signature}&n={number}", passport),
            "https://x.example/E%201?sig=ab%2Bc%2Fd%3D%3D&n=E%201");
}

TEST_F(CertificateTest, VerifyUrlTemplatesAreChecked) {
  EXPECT_TRUE(CheckVerifyUrlTemplate("https://x.example/{number}"));
  EXPECT_TRUE(CheckVerifyUrlTemplate("http://x.example/check?n={number}&s={signature}"));
  EXPECT_EQ(CheckVerifyUrlTemplate("ftp://x.example/{number}").error(),
            "the verification URL must start with https:// or http://, not "
            "'ftp://x.example/{number}'");
  EXPECT_EQ(CheckVerifyUrlTemplate("https://x.example/").error(),
            "the verification URL 'https://x.example/' must hold {number}, where the passport "
            "number goes");
}

TEST_F(CertificateTest, TheLogoIsDrawnOnTheCertificate) {
  auto logo = LoadPng(testing::SourcePath("tests/data/documents/logo.png"));
  ASSERT_TRUE(logo) << logo.error();
  EXPECT_EQ(logo->width, 96);
  TempDir dir;
  CertificateText(SamplePassport(), dir, {.logo = *logo});
  RunResult images = RunTool("pdfimages", {"-list", dir.File("certificate.pdf")});
  EXPECT_NE(images.out.find("   1     0 image      96    96"), std::string::npos) << images.out;
}

TEST_F(CertificateTest, ALogoThatIsNotPngIsRefused) {
  auto logo = LoadPng(testing::SourcePath("tests/data/documents/README.md"));
  ASSERT_FALSE(logo);
  EXPECT_NE(logo.error().find("README.md: not a readable PNG image"), std::string::npos)
      << logo.error();
}

TEST_F(CertificateTest, LongTablesContinueOnTheNextPage) {
  SignedPassport passport = SamplePassport();
  for (char id = 'C'; id <= 'Z'; ++id) {
    passport.record.modules.push_back(
        {std::string(1, id),
         "Модуль с длинным названием, которое переносится на вторую строку "
         "таблицы оценок по модулям",
         "1", "2"});
  }
  TempDir dir;
  std::string text = CertificateText(passport, dir);
  EXPECT_NE(text.find("Passport No. DE-2026-0412-0001"), std::string::npos);
  EXPECT_NE(text.find("page 2 of 2"), std::string::npos) << text;
  RunResult info = RunTool("pdfinfo", {dir.File("certificate.pdf")});
  EXPECT_NE(info.out.find("Pages:           2\n"), std::string::npos) << info.out;
}

}  // namespace
}  // namespace skillscore

#include "certificate_settings.h"

#include <filesystem>
#include <fstream>

#include "db_support.h"
#include "io.h"
#include "issuer_keys.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr char kLogoFile[] = "issuer-logo.png";
constexpr char kVerifyUrlFile[] = "verify-url.txt";

// The template of --verify-url, checked; a usage error when it is not one.
std::optional<std::string> GivenVerifyUrl(const Invocation& invocation) {
  auto url = OptionValue(invocation, "verify-url");
  if (!url) return std::nullopt;
  if (auto checked = CheckVerifyUrlTemplate(*url); !checked) throw UsageError(checked.error());
  return url;
}

tl::expected<std::optional<PngImage>, ExitCode> ReadLogo(const std::string& path,
                                                         const Invocation& invocation) {
  auto logo = LoadPng(path);
  if (!logo) {
    PrintError(logo.error(), invocation.err);
    return tl::make_unexpected(ExitCode::kInvalidInput);
  }
  return std::optional<PngImage>(std::move(*logo));
}

}  // namespace

void DefineCertificateOptions(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("logo", po::value<std::string>()->value_name("PNG"),
       Tr("the issuer's logo for certificates, a PNG image").c_str())  //
      ("verify-url", po::value<std::string>()->value_name("URL"),
       Tr("what the certificate's QR code opens: an http(s) URL with {number} and optionally "
          "{signature} in it, e.g. 'https://college.example/passports/{number}?sig={signature}'")
           .c_str());
}

tl::expected<void, ExitCode> CheckCertificateSettings(const Invocation& invocation) {
  GivenVerifyUrl(invocation);
  if (auto logo = OptionValue(invocation, "logo")) {
    if (auto image = ReadLogo(*logo, invocation); !image) return tl::make_unexpected(image.error());
  }
  return {};
}

tl::expected<void, ExitCode> SaveCertificateSettings(const Invocation& invocation,
                                                     const std::string& dir) {
  std::optional<std::string> url = GivenVerifyUrl(invocation);
  if (auto logo = OptionValue(invocation, "logo")) {
    auto image = ReadLogo(*logo, invocation);
    if (!image) return tl::make_unexpected(image.error());
    std::error_code error;
    std::filesystem::copy_file(*logo, KeyPath(dir, kLogoFile),
                               std::filesystem::copy_options::overwrite_existing, error);
    if (error) {
      PrintError(Tr("cannot write {0}: {1}", KeyPath(dir, kLogoFile), error.message()),
                 invocation.err);
      return tl::make_unexpected(ExitCode::kStorage);
    }
  }
  if (url) {
    std::ofstream file(KeyPath(dir, kVerifyUrlFile), std::ios::trunc);
    if (!(file << *url << '\n') || !file.flush()) {
      PrintError(Tr("cannot write {0}", KeyPath(dir, kVerifyUrlFile)), invocation.err);
      return tl::make_unexpected(ExitCode::kStorage);
    }
  }
  return {};
}

tl::expected<CertificateOptions, ExitCode> LoadCertificateOptions(const Invocation& invocation,
                                                                  const std::string& dir,
                                                                  std::string chief_expert) {
  CertificateOptions options;
  options.chief_expert = std::move(chief_expert);
  std::string logo = OptionValue(invocation, "logo").value_or(KeyPath(dir, kLogoFile));
  if (OptionValue(invocation, "logo") || std::filesystem::exists(logo)) {
    auto image = ReadLogo(logo, invocation);
    if (!image) return tl::make_unexpected(image.error());
    options.logo = std::move(*image);
  }
  if (auto url = GivenVerifyUrl(invocation)) {
    options.verify_url = *url;
  } else if (std::ifstream kept(KeyPath(dir, kVerifyUrlFile)); kept) {
    std::getline(kept, options.verify_url);
    if (auto checked = CheckVerifyUrlTemplate(options.verify_url); !checked) {
      PrintError(KeyPath(dir, kVerifyUrlFile) + ": " + checked.error(), invocation.err);
      return tl::make_unexpected(ExitCode::kInvalidInput);
    }
  }
  return options;
}

}  // namespace skillscore::cli

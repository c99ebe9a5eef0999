// How certificates look beyond the signed record: the issuer's logo (a PNG) and the template of
// the verification URL their QR codes hold. `keys init --logo FILE --verify-url URL` keeps them in
// the keys' directory (issuer-logo.png, verify-url.txt) for every later export; `passport export
// --logo/--verify-url` override them for one export.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "commands.h"
#include "skillscore/certificate.h"

namespace skillscore::cli {

// Defines --logo FILE and --verify-url URL.
void DefineCertificateOptions(CommandSyntax& syntax);

// Checks the options before anything is written: the exit code after saying what is wrong.
tl::expected<void, ExitCode> CheckCertificateSettings(const Invocation& invocation);

// Checks the options and copies them into the keys' directory `dir`; the exit code after saying
// what is wrong.
tl::expected<void, ExitCode> SaveCertificateSettings(const Invocation& invocation,
                                                     const std::string& dir);

// The options given, else those kept in `dir`; `chief_expert` is printed under the chief
// expert's signature line.
tl::expected<CertificateOptions, ExitCode> LoadCertificateOptions(const Invocation& invocation,
                                                                  const std::string& dir,
                                                                  std::string chief_expert);

}  // namespace skillscore::cli

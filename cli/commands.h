// The command groups of the command line; app.cc lists them. Each is defined in its own file.
#pragma once

#include <vector>

#include "app.h"

namespace skillscore::cli {

std::vector<Command> RubricCommands();      // rubric_command.cc
std::vector<Command> ScoreCommands();       // score_command.cc
std::vector<Command> DbRubricCommands();    // db_rubric_command.cc
std::vector<Command> ExamCommands();        // db_exam_command.cc
std::vector<Command> BundleCommands();      // bundle_command.cc
std::vector<Command> MarkCommands();        // db_marks_command.cc
std::vector<Command> ResultsCommands();     // db_results_command.cc
std::vector<Command> IntegrityCommands();   // integrity_command.cc
std::vector<Command> ReportCommands();      // report_command.cc
std::vector<Command> PaperCommands();       // paper_command.cc
std::vector<Command> KeysCommands();        // passport_command.cc
std::vector<Command> PassportCommands();    // passport_command.cc
std::vector<Command> RescoreCommands();     // rescore_command.cc
std::vector<Command> EnterCommands();       // enter_command.cc
std::vector<Command> CredentialCommands();  // credentials_command.cc
std::vector<Command> ServeCommands();       // serve_command.cc

}  // namespace skillscore::cli

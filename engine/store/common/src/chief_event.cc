#include "skillscore/chief_event.h"

namespace skillscore::store_common {

audit::Event ChiefEvent(const ExamRow& exam, const char* what, const std::string& subject,
                        const EventValues& values, const ChiefAction& action, const std::string& at,
                        const std::string& state) {
  return audit::Event{.at = at,
                      .actor = action.actor,
                      .action = what,
                      .exam = exam.info.id,
                      .subject = subject,
                      .old_value = values.old_value,
                      .new_value = values.new_value,
                      .reason = action.reason,
                      .state = state};
}

}  // namespace skillscore::store_common

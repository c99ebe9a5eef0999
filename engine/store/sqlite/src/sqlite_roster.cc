#include "sqlite_roster.h"

namespace skillscore::sqlite {

// One trigger per table and kind of change; an UPDATE of exams that only raises the counter (or
// moves next entries) is no change of the roster, hence the column list.
const char kRosterGenerationMigration[] = R"sql(
ALTER TABLE exams ADD COLUMN roster_generation INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER exams_roster_changed
AFTER UPDATE OF code, rubric, date, site, chief, timezone ON exams BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER candidates_roster_added AFTER INSERT ON candidates BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.exam;
END;
CREATE TRIGGER candidates_roster_changed AFTER UPDATE ON candidates BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id IN (OLD.exam, NEW.exam);
END;
CREATE TRIGGER candidates_roster_removed AFTER DELETE ON candidates BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = OLD.exam;
END;
CREATE TRIGGER judges_roster_added AFTER INSERT ON judges BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.exam;
END;
CREATE TRIGGER judges_roster_changed AFTER UPDATE ON judges BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id IN (OLD.exam, NEW.exam);
END;
CREATE TRIGGER judges_roster_removed AFTER DELETE ON judges BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = OLD.exam;
END;
CREATE TRIGGER locks_roster_added AFTER INSERT ON locks BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.exam;
END;
CREATE TRIGGER locks_roster_changed AFTER UPDATE ON locks BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id IN (OLD.exam, NEW.exam);
END;
CREATE TRIGGER locks_roster_removed AFTER DELETE ON locks BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = OLD.exam;
END;
)sql";

}  // namespace skillscore::sqlite

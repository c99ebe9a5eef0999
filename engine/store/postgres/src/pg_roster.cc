#include "pg_roster.h"

namespace skillscore::pg {

// One trigger function for the people and locks (each row names its exam), one for the exam's own
// row; an UPDATE of exams that only raises the counter or moves next_entry is no change of the
// roster, hence the column list.
const char kRosterGenerationMigration[] = R"sql(
ALTER TABLE exams ADD COLUMN roster_generation bigint NOT NULL DEFAULT 0;
CREATE FUNCTION skillscore_roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = OLD.exam;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.exam;
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION skillscore_exam_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER exams_roster AFTER UPDATE OF code, rubric, date, site, chief, timezone ON exams
  FOR EACH ROW EXECUTE FUNCTION skillscore_exam_changed();
CREATE TRIGGER candidates_roster AFTER INSERT OR UPDATE OR DELETE ON candidates
  FOR EACH ROW EXECUTE FUNCTION skillscore_roster_changed();
CREATE TRIGGER judges_roster AFTER INSERT OR UPDATE OR DELETE ON judges
  FOR EACH ROW EXECUTE FUNCTION skillscore_roster_changed();
CREATE TRIGGER locks_roster AFTER INSERT OR UPDATE OR DELETE ON locks
  FOR EACH ROW EXECUTE FUNCTION skillscore_roster_changed();
)sql";

std::optional<RosterRow> ReadRosterRow(Connection& db, std::string_view exam, bool lock) {
  Result rows =
      db.Exec(lock ? "SELECT id, roster_generation, next_entry FROM exams WHERE code = $1 "
                     "FOR UPDATE"
                   : "SELECT id, roster_generation, next_entry FROM exams WHERE code = $1",
              exam);
  if (rows.rows() == 0) return std::nullopt;
  return RosterRow{rows.Int(0, 0), rows.Int(0, 1), rows.Int(0, 2)};
}

}  // namespace skillscore::pg

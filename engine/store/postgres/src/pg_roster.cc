#include "pg_roster.h"

namespace skillscore::pg {

// A reader sees all of a transaction's changes or none, so one step of the counter per transaction
// and exam tells the roster apart; a step per row would update the exam's row ten thousand times
// in one import of candidates, each update walking all the row's versions made before it in the
// transaction. A transaction-local setting remembers the step (and is undone with a savepoint
// rolled back, as the step is); a roster read by the transaction that changed it is therefore never
// kept (ReadRosterRow says so). An UPDATE of exams that only raises the counter or moves
// next_entry is no change of the roster, hence the column list.
const char kRosterGenerationMigration[] = R"sql(
ALTER TABLE exams ADD COLUMN roster_generation bigint NOT NULL DEFAULT 0;
CREATE FUNCTION skillscore_raise_roster_generation(exam_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  raised text := 'skillscore.roster_raised_' || exam_id;
BEGIN
  IF current_setting(raised, true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE exams SET roster_generation = roster_generation + 1 WHERE id = exam_id;
    PERFORM set_config(raised, txid_current()::text, true);
  END IF;
END $$;
CREATE FUNCTION skillscore_roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM skillscore_raise_roster_generation(OLD.exam);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM skillscore_raise_roster_generation(NEW.exam);
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION skillscore_exam_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM skillscore_raise_roster_generation(NEW.id);
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
  constexpr char kSelect[] =
      "SELECT id, roster_generation, next_entry, coalesce(current_setting("
      "'skillscore.roster_raised_' || id, true) = txid_current_if_assigned()::text, false) "
      "FROM exams WHERE code = $1";
  constexpr char kSelectLocked[] =
      "SELECT id, roster_generation, next_entry, coalesce(current_setting("
      "'skillscore.roster_raised_' || id, true) = txid_current_if_assigned()::text, false) "
      "FROM exams WHERE code = $1 FOR UPDATE";
  Result rows = db.Exec(lock ? kSelectLocked : kSelect, exam);
  if (rows.rows() == 0) return std::nullopt;
  return RosterRow{rows.Int(0, 0), rows.Int(0, 1), rows.Int(0, 2), rows.Text(0, 3) == "t"};
}

}  // namespace skillscore::pg

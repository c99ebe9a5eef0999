#include "skillscore/scoring.h"

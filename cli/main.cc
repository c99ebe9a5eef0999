#include <iostream>
#include "skillscore/i18n.h"
int main() { std::cout << skillscore::Tr("error") << "\n"; skillscore::SetLanguage(skillscore::Language::kRussian); std::cout << skillscore::Tr("error") << "\n"; }

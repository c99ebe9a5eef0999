# Writes OUTPUT, a C++ file defining `const unsigned char SYMBOL[]` and `SYMBOL_size` with the
# bytes of INPUT, so that data files (message catalogs) live inside the binary.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed.cmake; do not edit.\n#include <cstddef>\n\n"
     "namespace skillscore {\nextern const unsigned char ${SYMBOL}[] = {${bytes}};\n"
     "extern const std::size_t ${SYMBOL}Size = ${size};\n}  // namespace skillscore\n")

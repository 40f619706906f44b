# Writes OUTPUT, a C++ source defining `std::string_view FUNCTION()` that returns the bytes
# of INPUT, in namespace sinmun. Run as: cmake -DINPUT=... -DOUTPUT=... -DFUNCTION=... -P
# embed_file.cmake. The bytes are written as a hex array, so any content embeds safely.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by embed_file.cmake; do not edit.
#include <string_view>

namespace sinmun {

std::string_view ${FUNCTION}() {
  static constexpr char kBytes[] = {
    ${bytes}'\\0'};
  return std::string_view(kBytes, ${size});
}

}  // namespace sinmun
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

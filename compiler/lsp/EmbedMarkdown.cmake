# cmake -DINPUT=docs/diagnostics.md -DOUTPUT=.../DiagnosticsMarkdown.h -P EmbedMarkdown.cmake
# Writes the document as a raw string constant (GCC and Clang take literals
# far longer than it).
file(READ ${INPUT} text)
file(WRITE ${OUTPUT}.tmp "#pragma once\n// Generated from ${INPUT}; do not edit.\nnamespace slac::lsp {\ninline constexpr const char* kDiagnosticsMarkdown = R\"slacdoc(${text})slacdoc\";\n}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)

// A whole file as text, for the hand-written programs of bench/engine
// (HandWrittenTickets.cpp, HandWrittenCloud.h): they read their input in
// one piece and parse it from memory.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace handwritten {

inline std::string readFile(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (!file) {
    std::perror(path);
    std::exit(2);
  }
  std::string text;
  std::array<char, 1 << 20> buffer;
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    text.append(buffer.data(), read);
  std::fclose(file);
  return text;
}

} // namespace handwritten

// The practical limit for the probe workload read from CSV: a loop written
// for exactly this file shape (`2026-MM-DDTHH:MM:SSZ,true|false`, UTC)
// counting good and total probes per month, with no checks slac would make.
#include <cstdio>
#include <cstdint>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hand_written_probes FILE.csv\n");
    return 2;
  }
  std::FILE* file = std::fopen(argv[1], "rb");
  if (!file)
    return 2;
  std::vector<char> buffer(1 << 20);
  std::int64_t good[13] = {};
  std::int64_t total[13] = {};
  std::vector<char> line;
  bool header = true;
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    for (std::size_t i = 0; i < read; ++i) {
      if (buffer[i] != '\n') {
        line.push_back(buffer[i]);
        continue;
      }
      if (!header && line.size() > 21) {
        int month = (line[5] - '0') * 10 + (line[6] - '0');
        good[month] += line[21] == 't';
        ++total[month];
      }
      header = false;
      line.clear();
    }
  std::fclose(file);
  for (int month = 1; month <= 12; ++month)
    std::printf("2026-%02d %lld/%lld\n", month, static_cast<long long>(good[month]),
                static_cast<long long>(total[month]));
  return 0;
}

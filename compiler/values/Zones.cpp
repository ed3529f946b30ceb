#include "values/Zones.h"

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <sys/stat.h>

namespace slac::values {

namespace {

// Where date's own zones read their files from (its discover_tz_dir).
std::string zoneDirectory() {
  struct stat status {};
  for (const char* directory : {"/usr/share/zoneinfo/uclibc", "/usr/share/zoneinfo"})
    if (stat(directory, &status) == 0 && S_ISDIR(status.st_mode))
      return directory;
  return "/usr/share/zoneinfo";
}

// A name date's database lists: a relative path none of whose parts it
// skips (hidden files, `posix...` and `right` copies, `Factory`), nor
// climbs out of the directory.
bool isListedName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/')
    return false;
  while (!name.empty()) {
    std::size_t slash = name.find('/');
    std::string_view part = name.substr(0, slash);
    if (part.empty() || part.front() == '.' || part.starts_with("posix") || part == "right" ||
        part == "Factory")
      return false;
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash + 1);
  }
  return true;
}

// The zone of a regular file (or of a link to one) compiled as zones are:
// the tables and lists in the directory are not zones.
std::unique_ptr<Zone> readZone(std::string_view name, const std::string& path) {
  struct stat status {};
  if (stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode))
    return nullptr;
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  std::optional<Zone> zone = Zone::parse(std::string(name), bytes.view());
  return zone ? std::make_unique<Zone>(std::move(*zone)) : nullptr;
}

} // namespace

const Zone* findZone(std::string_view name) {
  static std::mutex mutex;
  // Null for a name known to name no zone.
  static std::map<std::string, std::unique_ptr<Zone>, std::less<>> zones;
  static const std::string directory = zoneDirectory();
  std::lock_guard lock(mutex);
  if (auto found = zones.find(name); found != zones.end())
    return found->second.get();
  std::unique_ptr<Zone> zone;
  if (isListedName(name))
    zone = readZone(name, directory + "/" + std::string(name));
  return zones.emplace(std::string(name), std::move(zone)).first->second.get();
}

} // namespace slac::values

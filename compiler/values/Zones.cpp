#include "values/Zones.h"

#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
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

// A regular file (or a link to one) that starts as every compiled zone
// does: the tables and lists in the directory are not zones.
bool holdsZone(const std::string& path) {
  struct stat status {};
  if (stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode))
    return false;
  char magic[4] = {};
  std::ifstream file(path, std::ios::binary);
  return file.read(magic, sizeof magic) && std::memcmp(magic, "TZif", 4) == 0;
}

} // namespace

const date::time_zone* findZone(std::string_view name) {
  static std::mutex mutex;
  // Never destroyed: a zone's members are of types date declares only
  // inside its library, so only the library may destroy one (and the
  // zones live as long as the process anyway). Null for a name known to
  // name no zone.
  static auto& zones = *new std::map<std::string, const date::time_zone*, std::less<>>();
  static const std::string directory = zoneDirectory();
  std::lock_guard lock(mutex);
  if (auto found = zones.find(name); found != zones.end())
    return found->second;
  const date::time_zone* zone = nullptr;
  if (isListedName(name) && holdsZone(directory + "/" + std::string(name)))
    // As date's database makes its zones: the file is read on first use.
    zone = new date::time_zone(std::string(name), date::detail::undocumented{});
  zones.emplace(std::string(name), zone);
  return zone;
}

} // namespace slac::values

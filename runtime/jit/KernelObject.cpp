#include "jit/KernelObject.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <elf.h>
#include <fmt/format.h>
#include <limits>
#include <optional>
#include <sys/mman.h>
#include <unistd.h>

namespace slac::jit {

namespace {

// Far more than any kernel (tens of kilobytes), little enough that sizes in
// a corrupted object cannot ask for much memory.
constexpr std::uint64_t kMostBytes = std::uint64_t{64} << 20;
constexpr std::uint64_t kMostAlignment = 4096;

struct Refusal {
  std::string why;
};

template <typename... Args>
[[noreturn]] void refuse(fmt::format_string<Args...> format, Args&&... args) {
  throw Refusal{fmt::format(format, std::forward<Args>(args)...)};
}

// Whether [offset, offset + bytes) lies within [0, size), where the sum
// could overflow.
bool within(std::uint64_t offset, std::uint64_t bytes, std::uint64_t size) {
  return offset <= size && bytes <= size - offset;
}

std::uint64_t alignUp(std::uint64_t value, std::uint64_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// The object's bytes need not be aligned for its structures.
template <typename T> T readAt(std::string_view bytes, std::uint64_t offset, const char* what) {
  if (!within(offset, sizeof(T), bytes.size()))
    refuse("{} at offset {} is past the end of the object", what, offset);
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

// Each group is mapped with protections of its own, so code is never
// writable and data never executable.
enum Group : std::size_t { kCode, kReadOnly, kWritable, kGroups };
constexpr std::array<int, kGroups> kProtection = {PROT_READ | PROT_EXEC, PROT_READ,
                                                  PROT_READ | PROT_WRITE};

struct Placement {
  bool loaded = false;
  Group group = kReadOnly;
  std::uint64_t offset = 0; // within its group until laid out, then within the mapping
};

class Loader {
public:
  Loader(std::string_view object, const std::function<const void*(std::string_view)>& resolve)
      : object_(object), resolve_(resolve) {}

  // Returns the bytes to map.
  std::uint64_t readAndLayOut() {
    if (object_.size() > kMostBytes)
      refuse("the object is {} bytes, more than {}", object_.size(), kMostBytes);
    auto header = readAt<Elf64_Ehdr>(object_, 0, "the ELF header");
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
      refuse("not an ELF object");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
      refuse("not a 64-bit little-endian ELF object");
    if (header.e_type != ET_REL || header.e_machine != EM_X86_64)
      refuse("not a relocatable x86-64 object (type {}, machine {})", header.e_type,
             header.e_machine);
    if (header.e_shentsize != sizeof(Elf64_Shdr))
      refuse("section headers of {} bytes, not {}", header.e_shentsize, sizeof(Elf64_Shdr));
    // No sections at all, or more than 65279 counted elsewhere: neither is a kernel.
    if (header.e_shnum == 0 || header.e_shstrndx >= header.e_shnum)
      refuse("no section headers, or extended section numbering");
    if (!within(header.e_shoff, std::uint64_t{header.e_shnum} * sizeof(Elf64_Shdr), object_.size()))
      refuse("the section headers are past the end of the object");
    sectionNames_ = header.e_shstrndx;
    for (std::uint64_t index = 0; index < header.e_shnum; ++index) {
      auto section = readAt<Elf64_Shdr>(object_, header.e_shoff + index * sizeof(Elf64_Shdr),
                                        "a section header");
      if (section.sh_type != SHT_NOBITS && section.sh_type != SHT_NULL &&
          !within(section.sh_offset, section.sh_size, object_.size()))
        refuse("section {} is past the end of the object", index);
      sections_.push_back(section);
    }
    placements_.resize(sections_.size());

    std::array<std::uint64_t, kGroups> groupBytes{};
    for (std::size_t index = 1; index < sections_.size(); ++index) {
      const Elf64_Shdr& section = sections_[index];
      if (section.sh_type == SHT_GROUP)
        refuse("section groups (COMDAT) are not supported");
      if (section.sh_type == SHT_REL)
        refuse("REL relocations are not supported, only RELA");
      if (section.sh_type == SHT_SYMTAB) {
        if (symbolTable_ != 0)
          refuse("more than one symbol table");
        symbolTable_ = index;
      }
      if (!(section.sh_flags & SHF_ALLOC) || isUnwindTable(index))
        continue;
      std::string_view name = sectionName(index);
      if (section.sh_flags & (SHF_TLS | SHF_GROUP | SHF_COMPRESSED))
        refuse("section {} is thread-local, grouped or compressed", name);
      // Constructors (SHT_INIT_ARRAY) among them: nothing would run them.
      if (section.sh_type != SHT_PROGBITS && section.sh_type != SHT_NOBITS &&
          section.sh_type != SHT_NOTE)
        refuse("section {} has type {:#x}, which is not loaded", name, section.sh_type);
      bool executable = section.sh_flags & SHF_EXECINSTR;
      bool writable = section.sh_flags & SHF_WRITE;
      if (executable && writable)
        refuse("section {} is both writable and executable", name);
      std::uint64_t alignment = std::max<std::uint64_t>(section.sh_addralign, 1);
      if ((alignment & (alignment - 1)) != 0 || alignment > kMostAlignment)
        refuse("section {} has an alignment of {}", name, section.sh_addralign);
      if (section.sh_size > kMostBytes)
        refuse("section {} is {} bytes, more than {}", name, section.sh_size, kMostBytes);
      Group group = executable ? kCode : writable ? kWritable : kReadOnly;
      std::uint64_t offset = alignUp(groupBytes[group], alignment);
      groupBytes[group] = offset + section.sh_size;
      if (groupBytes[group] > kMostBytes)
        refuse("the sections need more than {} bytes", kMostBytes);
      placements_[index] = {true, group, offset};
    }

    codeBytes_ = groupBytes[kCode];
    auto pageBytes = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    std::uint64_t mappingBytes = 0;
    for (std::size_t group = 0; group < kGroups; ++group) {
      groupStart_[group] = mappingBytes;
      groupBytes_[group] = alignUp(groupBytes[group], pageBytes);
      mappingBytes += groupBytes_[group];
    }
    for (Placement& placement : placements_)
      placement.offset += groupStart_[placement.group];
    // A page even when nothing is loaded, so that the mapping is never empty.
    return std::max(mappingBytes, pageBytes);
  }

  void copyAndRelocate(char* base) {
    base_ = base;
    for (std::size_t index = 0; index < sections_.size(); ++index)
      if (placements_[index].loaded && sections_[index].sh_type != SHT_NOBITS)
        std::memcpy(base + placements_[index].offset, object_.data() + sections_[index].sh_offset,
                    sections_[index].sh_size);
    if (symbolTable_ != 0) {
      const Elf64_Shdr& symbols = sections_[symbolTable_];
      if (symbols.sh_entsize != sizeof(Elf64_Sym) || symbols.sh_size % sizeof(Elf64_Sym) != 0)
        refuse("the symbol table's entries are not {} bytes", sizeof(Elf64_Sym));
      symbolAddresses_.resize(symbols.sh_size / sizeof(Elf64_Sym));
    }
    for (const Elf64_Shdr& relocations : sections_) {
      if (relocations.sh_type != SHT_RELA)
        continue;
      if (relocations.sh_info >= sections_.size())
        refuse("relocations for section {}, which does not exist", relocations.sh_info);
      // Those of the unwind tables and of debugging information.
      if (!placements_[relocations.sh_info].loaded)
        continue;
      if (symbolTable_ == 0 || relocations.sh_link != symbolTable_)
        refuse("relocations for section {} without the symbol table", relocations.sh_info);
      if (relocations.sh_entsize != sizeof(Elf64_Rela) ||
          relocations.sh_size % sizeof(Elf64_Rela) != 0)
        refuse("relocation entries that are not {} bytes", sizeof(Elf64_Rela));
      for (std::uint64_t at = 0; at < relocations.sh_size; at += sizeof(Elf64_Rela))
        relocate(relocations.sh_info,
                 readAt<Elf64_Rela>(object_, relocations.sh_offset + at, "a relocation"));
    }
  }

  std::uint64_t codeBytes() const { return codeBytes_; }

  std::vector<std::pair<std::string, const void*>> globals() {
    std::vector<std::pair<std::string, const void*>> found;
    for (std::size_t index = 1; index < symbolAddresses_.size(); ++index) {
      auto symbol = symbolAt(index);
      unsigned char binding = ELF64_ST_BIND(symbol.st_info);
      if ((binding == STB_GLOBAL || binding == STB_WEAK) && symbol.st_shndx != SHN_UNDEF)
        found.emplace_back(symbolName(symbol), reinterpret_cast<const void*>(addressOf(index)));
    }
    return found;
  }

  void protect() const {
    for (std::size_t group = 0; group < kGroups; ++group)
      if (groupBytes_[group] != 0 &&
          mprotect(base_ + groupStart_[group], groupBytes_[group], kProtection[group]) != 0)
        refuse("cannot protect the loaded object: {}", std::strerror(errno));
  }

private:
  bool isUnwindTable(std::size_t index) const {
    return sections_[index].sh_type == SHT_X86_64_UNWIND || sectionName(index) == ".eh_frame";
  }

  std::string_view stringAt(std::uint64_t table, std::uint64_t offset) const {
    if (table >= sections_.size() || sections_[table].sh_type != SHT_STRTAB)
      refuse("section {} is not a string table", table);
    if (offset >= sections_[table].sh_size)
      refuse("a name at {} is past the end of its string table", offset);
    std::string_view rest =
        object_.substr(sections_[table].sh_offset + offset, sections_[table].sh_size - offset);
    std::size_t end = rest.find('\0');
    if (end == std::string_view::npos)
      refuse("a name at {} in section {} does not end", offset, table);
    return rest.substr(0, end);
  }

  std::string_view sectionName(std::size_t index) const {
    return stringAt(sectionNames_, sections_[index].sh_name);
  }

  Elf64_Sym symbolAt(std::uint64_t index) const {
    return readAt<Elf64_Sym>(object_, sections_[symbolTable_].sh_offset + index * sizeof(Elf64_Sym),
                             "a symbol");
  }

  std::string_view symbolName(const Elf64_Sym& symbol) const {
    return stringAt(sections_[symbolTable_].sh_link, symbol.st_name);
  }

  std::uint64_t addressOf(std::uint64_t index) {
    if (index >= symbolAddresses_.size())
      refuse("symbol {} does not exist", index);
    // The null symbol: the relocation's addend alone.
    if (index == 0)
      return 0;
    if (!symbolAddresses_[index])
      symbolAddresses_[index] = findAddress(symbolAt(index));
    return *symbolAddresses_[index];
  }

  std::uint64_t findAddress(const Elf64_Sym& symbol) const {
    if (symbol.st_shndx == SHN_UNDEF) {
      std::string_view name = symbolName(symbol);
      const void* address = name.empty() ? nullptr : resolve_(name);
      if (address == nullptr)
        refuse("undefined symbol '{}' is unknown", name);
      return reinterpret_cast<std::uintptr_t>(address);
    }
    if (symbol.st_shndx == SHN_ABS)
      return symbol.st_value;
    if (symbol.st_shndx == SHN_COMMON)
      refuse("common symbol '{}' is not supported", symbolName(symbol));
    if (symbol.st_shndx >= sections_.size() || !placements_[symbol.st_shndx].loaded)
      refuse("symbol '{}' is in section {}, which is not loaded", symbolName(symbol),
             symbol.st_shndx);
    auto sectionAddress =
        reinterpret_cast<std::uintptr_t>(base_ + placements_[symbol.st_shndx].offset);
    if (ELF64_ST_TYPE(symbol.st_info) == STT_SECTION)
      return sectionAddress;
    if (symbol.st_value > sections_[symbol.st_shndx].sh_size)
      refuse("symbol '{}' is past the end of its section", symbolName(symbol));
    return sectionAddress + symbol.st_value;
  }

  void relocate(std::size_t section, const Elf64_Rela& relocation) {
    auto type = ELF64_R_TYPE(relocation.r_info);
    if (type == R_X86_64_NONE)
      return;
    bool pcRelative = type == R_X86_64_PC64 || type == R_X86_64_PC32 || type == R_X86_64_PLT32;
    bool wide = type == R_X86_64_64 || type == R_X86_64_PC64;
    if (!wide && !pcRelative && type != R_X86_64_32 && type != R_X86_64_32S)
      refuse("relocation type {} is not supported", type);
    std::uint64_t width = wide ? 8 : 4;
    if (!within(relocation.r_offset, width, sections_[section].sh_size))
      refuse("a relocation at {} is past the end of section {}", relocation.r_offset, section);
    char* place = base_ + placements_[section].offset + relocation.r_offset;
    // Unsigned, so that wrapping is defined: only the bits written matter.
    std::uint64_t value =
        addressOf(ELF64_R_SYM(relocation.r_info)) + static_cast<std::uint64_t>(relocation.r_addend);
    if (pcRelative)
      value -= reinterpret_cast<std::uintptr_t>(place);
    if (wide) {
      std::memcpy(place, &value, sizeof value);
      return;
    }
    auto asSigned = static_cast<std::int64_t>(value);
    bool fits = type == R_X86_64_32 ? value <= std::numeric_limits<std::uint32_t>::max()
                                    : asSigned >= std::numeric_limits<std::int32_t>::min() &&
                                          asSigned <= std::numeric_limits<std::int32_t>::max();
    if (!fits) {
      std::string_view target = symbolName(symbolAt(ELF64_R_SYM(relocation.r_info)));
      refuse("a 32-bit relocation (type {}) at {:#x} in section {} cannot reach {}", type,
             relocation.r_offset, sectionName(section),
             target.empty() ? "a section" : fmt::format("'{}'", target));
    }
    auto narrow = static_cast<std::uint32_t>(value);
    std::memcpy(place, &narrow, sizeof narrow);
  }

  std::string_view object_;
  const std::function<const void*(std::string_view)>& resolve_;
  std::vector<Elf64_Shdr> sections_;
  std::vector<Placement> placements_;
  std::size_t sectionNames_ = 0;
  std::size_t symbolTable_ = 0; // 0: none
  std::array<std::uint64_t, kGroups> groupStart_{};
  std::array<std::uint64_t, kGroups> groupBytes_{}; // whole pages
  std::uint64_t codeBytes_ = 0;                     // the code's own, at the mapping's start
  char* base_ = nullptr;
  std::vector<std::optional<std::uint64_t>> symbolAddresses_;
};

} // namespace

std::variant<LoadedObject, std::string>
LoadedObject::load(std::string_view object,
                   const std::function<const void*(std::string_view)>& resolve) {
  // Made first, so that its destructor unmaps whatever a refusal leaves.
  LoadedObject loaded;
  try {
    Loader loader(object, resolve);
    std::uint64_t bytes = loader.readAndLayOut();
    void* mapping =
        mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED)
      return fmt::format("cannot map {} bytes: {}", bytes, std::strerror(errno));
    loaded.mapping_ = mapping;
    loaded.mappingBytes_ = bytes;
    // Anonymous memory is zeroed: NOBITS sections need nothing more.
    loader.copyAndRelocate(static_cast<char*>(mapping));
    loaded.globals_ = loader.globals();
    loaded.codeBytes_ = loader.codeBytes();
    loader.protect();
  } catch (const Refusal& refusal) {
    return refusal.why;
  }
  return loaded;
}

std::string_view LoadedObject::code() const {
  return {static_cast<const char*>(mapping_), codeBytes_};
}

const void* LoadedObject::symbol(std::string_view name) const {
  for (const auto& [globalName, address] : globals_)
    if (globalName == name)
      return address;
  return nullptr;
}

LoadedObject::LoadedObject(LoadedObject&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)),
      mappingBytes_(std::exchange(other.mappingBytes_, 0)),
      codeBytes_(std::exchange(other.codeBytes_, 0)), globals_(std::move(other.globals_)) {}

LoadedObject& LoadedObject::operator=(LoadedObject&& other) noexcept {
  if (this != &other) {
    if (mapping_ != nullptr)
      munmap(mapping_, mappingBytes_);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mappingBytes_ = std::exchange(other.mappingBytes_, 0);
    codeBytes_ = std::exchange(other.codeBytes_, 0);
    globals_ = std::move(other.globals_);
  }
  return *this;
}

LoadedObject::~LoadedObject() {
  if (mapping_ != nullptr)
    munmap(mapping_, mappingBytes_);
}

} // namespace slac::jit

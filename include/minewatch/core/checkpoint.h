// core layer: versioned binary checkpoints of per-meter state (for stream restarts and rebalancing).
//
// A section is: magic (4 bytes), format version, the size of one record, the record count, then the records
// as they are in memory. Records must be trivially copyable; a checkpoint is read back only by a build with
// the same version and record layout, and anything else is refused with a clear error, never misread.
#pragma once

#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace minewatch {

inline constexpr std::uint32_t kCheckpointVersion = 1;

template <class Record>
void write_checkpoint_section(std::ostream& out, const char (&magic)[5], const std::vector<Record>& records) {
  static_assert(std::is_trivially_copyable_v<Record>);
  const std::uint32_t header[2] = {kCheckpointVersion, static_cast<std::uint32_t>(sizeof(Record))};
  const std::uint64_t count = records.size();
  out.write(magic, 4);
  out.write(reinterpret_cast<const char*>(header), sizeof(header));
  out.write(reinterpret_cast<const char*>(&count), sizeof(count));
  out.write(reinterpret_cast<const char*>(records.data()),
            static_cast<std::streamsize>(count * sizeof(Record)));
  if (!out) throw std::runtime_error(std::string("checkpoint: cannot write section ") + magic);
}

template <class Record>
std::vector<Record> read_checkpoint_section(std::istream& in, const char (&magic)[5]) {
  static_assert(std::is_trivially_copyable_v<Record>);
  char seen[4] = {};
  std::uint32_t header[2] = {};
  std::uint64_t count = 0;
  in.read(seen, 4);
  in.read(reinterpret_cast<char*>(header), sizeof(header));
  in.read(reinterpret_cast<char*>(&count), sizeof(count));
  const std::string name(magic);
  if (!in || std::memcmp(seen, magic, 4) != 0)
    throw std::runtime_error("checkpoint: missing section " + name);
  if (header[0] != kCheckpointVersion)
    throw std::runtime_error("checkpoint: section " + name + " has version " + std::to_string(header[0]) +
                             ", this build reads " + std::to_string(kCheckpointVersion));
  if (header[1] != sizeof(Record))
    throw std::runtime_error("checkpoint: section " + name + " has another record layout");
  if (count > (std::uint64_t{1} << 32))
    throw std::runtime_error("checkpoint: section " + name + " is corrupt");
  std::vector<Record> records(count);
  in.read(reinterpret_cast<char*>(records.data()), static_cast<std::streamsize>(count * sizeof(Record)));
  if (!in) throw std::runtime_error("checkpoint: section " + name + " is truncated");
  return records;
}

}  // namespace minewatch

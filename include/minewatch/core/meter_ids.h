// core layer: meter ids interned once into dense indices, so no string travels past the parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minewatch {

using MeterIndex = std::uint32_t;

class MeterIds {
 public:
  // The index of id, adding it when new. `added` tells which happened.
  MeterIndex intern(std::string_view id, bool& added);
  // The index of id, or false when it was never interned.
  bool find(std::string_view id, MeterIndex& out) const;
  const std::string& id(MeterIndex index) const { return ids_[index]; }
  std::size_t size() const { return ids_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, MeterIndex, Hash, std::equal_to<>> index_by_id_;
  std::vector<std::string> ids_;
};

// A stable 64-bit hash of a meter id (FNV-1a), used to route a meter to its partition. Stable across runs and
// platforms, unlike std::hash, so partitions (and later Kafka keys and checkpoints) agree between processes.
constexpr std::uint64_t stable_id_hash(std::string_view id) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace minewatch

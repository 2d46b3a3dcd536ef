// sim layer: random streams keyed by (seed, domain, index), so a meter draws the same numbers whichever
// thread generates it and in whatever order: the output is byte-identical for any --threads
// (docs/simulator.md).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace minewatch::sim {

// The domains of independent streams: adding a draw to one never shifts the numbers of another.
enum class Domain : std::uint64_t {
  plan = 1,
  weather = 2,
  meter = 3,
  transformer = 4,
  site = 5,
  network = 6,       // a meter's coverage and traffic kind (network_plan.h)
  network_site = 7,  // a mining site's pool set-up
  leases = 8,        // a transformer's address pool
  flows = 9,         // a subscriber's flow records
  electrical = 10,   // a meter's electrical channels and its thief's physics (electrical.h)
  voltage = 11,      // a transformer's supply voltage
};

// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): used to
// hash keys into seeds, as the xoshiro authors recommend for seeding.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna, 2018): fast, 256 bits of state, passes BigCrush.
class Rng {
 public:
  Rng(std::uint64_t seed, Domain domain, std::uint64_t index) {
    std::uint64_t s = seed ^ (static_cast<std::uint64_t>(domain) * 0xd1b54a32d192ed03ULL);
    s = splitmix64(s) ^ (index * 0x9e3779b97f4a7c15ULL);
    for (auto& word : state_) word = splitmix64(s);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  // Uniform integer in [lo, hi].
  int integer(int lo, int hi) {
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
    return lo + static_cast<int>(next() % span);
  }
  // Standard normal by the Marsaglia polar method; the spare value is kept for the next call.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0, v = 0, s = 0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  // Exponential waiting time with the given mean.
  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t state_[4] = {};
  double spare_ = 0;
  bool has_spare_ = false;
};

inline constexpr double kTwoPi = 2.0 * std::numbers::pi;

}  // namespace minewatch::sim

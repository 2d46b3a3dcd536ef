// sim layer: what a thief does to the readings of his own meter, and the events a tampered meter logs.
//
// The six false-data injections of Jokar, Arianpoo & Leung, "Electricity Theft Detection in AMI Using
// Customers' Consumption Patterns", IEEE Trans. Smart Grid 7(1), 2016, applied to each local day x_1..x_T of
// readings:
//   h1  alpha * x_t                      a constant fraction (a bypass of part of the load)
//   h2  0 inside a window of >= 4 h, x_t outside
//   h3  gamma_t * x_t, gamma_t random per reading
//   h4  alpha_t * mean(x), alpha_t random per reading
//   h5  mean(x)                          the day's energy, its shape hidden
//   h6  x_{T+1-t}                        the day reversed (moves the load to cheaper hours)
// Tampering: an opened cover (logged the evening before the theft starts), or a magnet applied in episodes
// that slows the meter by alpha while it is on, each episode logged as magnetic_field.
#pragma once

#include <cstdint>
#include <vector>

#include "minewatch/sim/load_model.h"

namespace minewatch::sim {

enum class EventCode : std::uint8_t { cover_open, magnetic_field, reverse_flow, power_loss, clock_set };
const char* event_code_name(EventCode code);

struct MeterEvent {
  std::int64_t ts = 0;  // UTC
  EventCode code = EventCode::power_loss;
};

class TheftModel {
 public:
  TheftModel(const SimConfig& config, const TheftPlan& plan);

  bool active() const { return plan_.type != TheftType::none; }
  // Changes the day's reported kWh in place from the theft's first day on, and logs tamper events.
  void apply_day(const DayContext& day, Rng& rng, double* kwh, std::vector<MeterEvent>& events);

 private:
  const TheftConfig& c_;
  TheftPlan plan_;
  double magnet_start_h_ = 0;
  double magnet_left_h_ = 0;
};

}  // namespace minewatch::sim

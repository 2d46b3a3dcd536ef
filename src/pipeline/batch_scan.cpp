#include "minewatch/pipeline/batch_scan.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <thread>

#include "minewatch/core/error.h"
#include "minewatch/core/meter_ids.h"
#include "minewatch/io/chunk_stream.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/meter_registry.h"

namespace minewatch {
namespace {

// Shared by the workers of one file: the earliest chunk that holds a fatal bad row. Workers finish that chunk
// (an earlier line of it may be another worker's) and stop, so the error reported is the first in the file.
struct StopSignal {
  std::atomic<std::uint64_t> first_bad_chunk{UINT64_MAX};

  void report(std::uint64_t chunk) {
    std::uint64_t current = first_bad_chunk.load();
    while (chunk < current && !first_bad_chunk.compare_exchange_weak(current, chunk)) {
    }
  }
  bool passed(std::uint64_t chunk) const { return chunk > first_bad_chunk.load(std::memory_order_relaxed); }
};

class ScanWorker {
 public:
  ScanWorker(unsigned id, unsigned workers, const BatchScanOptions& options, const ZoneTable& zones)
      : id_(id), workers_(workers), options_(options), engine_(zones, features_, options.engine) {}

  void scan_file(const ReadingsLayout& layout, ChunkStream& stream, StopSignal& stop,
                 std::uint64_t bytes_before, std::uint64_t bytes_total) {
    layout_ = &layout;
    path_ = &stream.path();
    line_no_ = 0;
    file_rows_ = 0;
    cached_id_.clear();
    cached_id_valid_ = false;
    for (std::uint64_t chunk = 0; !stop.passed(chunk); ++chunk) {
      std::string_view text;
      if (!stream.acquire(chunk, text)) break;
      if (!stop.passed(chunk)) scan_chunk(text, chunk, stop);
      stream.release(chunk);
      if (id_ == 0 && options_.progress)
        options_.progress(bytes_before + stream.file_bytes_done(), bytes_total);
    }
  }

  void finish() { engine_.close_all(); }

  void collect(BatchScanResult& out) {
    for (MeterIndex m = 0; m < ids_.size(); ++m) {
      out.meters.push_back({ids_.id(m), engine_.zone(m), engine_.history(m), features_.features(m),
                            features_.take_series(m), m < physics_.size() ? physics_[m] : ReadingPhysics{}});
      out.days_closed += engine_.history(m).days_closed;
    }
    out.readings_accepted += readings_accepted_;
    for (std::size_t i = 0; i < kRowProblemCount; ++i) out.rejected[i] += rejected_[i];
  }

  std::uint64_t file_rows() const { return file_rows_; }
  const std::optional<InputError>& error() const { return error_; }
  std::uint64_t error_line() const { return error_line_; }

 private:
  void scan_chunk(std::string_view text, std::uint64_t chunk, StopSignal& stop) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = newline != nullptr ? newline : end;
      std::string_view line(p, static_cast<std::size_t>(line_end - p));
      p = newline != nullptr ? newline + 1 : end;
      if (++line_no_ == 1) continue;  // the header, read once before the scan
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      ++file_rows_;
      scan_line(line, chunk, stop);
    }
  }

  void scan_line(std::string_view line, std::uint64_t chunk, StopSignal& stop) {
    // The meter id decides the owner; the line is parsed only by the worker that owns its meter.
    std::string_view id;
    bool split = false;
    if (layout_->meter_column() == 0 && starts_with_cached_id(line)) {
      // Rows of one meter usually come together: the same id as the previous line, found without a search.
      id = std::string_view(line.data(), cached_id_.size());
    } else {
      if (layout_->meter_column() != 0 || !first_field_fast(line, id)) {
        if (!split_csv_line(line, fields_, unquoted_)) fields_.clear();
        id = fields_.size() > layout_->meter_column() ? fields_[layout_->meter_column()] : std::string_view{};
        split = true;
      }
      id = trim(id);
      if (!cached_id_valid_ || id != cached_id_) {
        cached_id_.assign(id);
        cached_id_valid_ = true;
        cached_owner_ = static_cast<unsigned>(stable_id_hash(id) % workers_);
        cached_meter_state_ = MeterLookup::unknown_yet;
        cached_id_plain_ = !id.empty() && is_plain_ascii(id) && id.size() == first_field_length(line);
      }
    }
    if (cached_owner_ != id_) return;

    if (layout_->is_plain_long() && cached_id_plain_ && cached_meter_state_ == MeterLookup::known) {
      ParsedReading reading;
      if (layout_->parse_plain_long_rest(line.substr(id.size() + 1), timestamps_, options_.limits, reading)) {
        count(engine_.apply(cached_meter_, reading.ts, reading.kwh));
        return;
      }
    }
    // One pass tells whether the line is plain ASCII without quotes, the common case split eight bytes at a
    // time.
    const bool plain = is_plain_ascii(line);
    if (!plain && !is_valid_utf8(line)) return reject_invalid_utf8(line, chunk, stop);
    if (id.empty())
      return reject(RowProblem::empty_meter_id, layout_->column_name(layout_->meter_column()), line, chunk,
                    stop);
    if (cached_meter_state_ == MeterLookup::unknown_yet) resolve_meter(id);
    if (cached_meter_state_ == MeterLookup::not_registered)
      return reject(RowProblem::unknown_meter, layout_->column_name(layout_->meter_column()), id, chunk,
                    stop);
    if (plain) {
      if (!split) split_plain_fields(line, fields_);
    } else if (!split && !split_csv_line(line, fields_, unquoted_)) {
      return reject(RowProblem::missing_field, "", line, chunk, stop);
    }

    RowError error;
    ReadingChannels* channels = layout_->has_physics_channels() ? &channels_ : nullptr;
    if (layout_->parse(fields_, timestamps_, options_.limits, readings_, error, channels) !=
        RowProblem::none) {
      // A negative reading stays a rejected row (negative_value) and is also kept as reverse-flow evidence.
      if (error.problem == RowProblem::negative_value && !readings_.empty())
        observe_negative_reading(physics_of(cached_meter_),
                                 engine_.local_day_of(cached_meter_, readings_.back().ts));
      return reject(error.problem, error.field, error.text, chunk, stop);
    }
    for (const ParsedReading& reading : readings_) {
      const RowProblem verdict = engine_.apply(cached_meter_, reading.ts, reading.kwh);
      count(verdict);
      if (channels != nullptr && verdict == RowProblem::none)
        observe_reading_physics(physics_of(cached_meter_), reading.kwh, channels_,
                                engine_.history(cached_meter_).interval_s, engine_.open_day(cached_meter_),
                                options_.physics);
    }
  }

  // Grown only when a file has channels or a negative reading: other scans keep no physics state at all.
  ReadingPhysics& physics_of(MeterIndex meter) {
    if (meter >= physics_.size()) physics_.resize(ids_.size());
    return physics_[meter];
  }

  void count(RowProblem engine_verdict) {
    if (engine_verdict == RowProblem::none) {
      ++readings_accepted_;
    } else {
      ++rejected_[static_cast<std::size_t>(
          engine_verdict)];  // late and duplicate: handled by rule, never fatal
    }
  }

  static std::size_t first_field_length(std::string_view line) {
    const auto comma = line.find(',');
    return comma == std::string_view::npos ? line.size() : comma;
  }

  bool starts_with_cached_id(std::string_view line) const {
    const std::size_t n = cached_id_.size();
    return cached_id_valid_ && n > 0 && line.size() > n && line[n] == ',' &&
           std::memcmp(line.data(), cached_id_.data(), n) == 0;
  }

  // Names the column that holds the bytes that are not UTF-8.
  void reject_invalid_utf8(std::string_view line, std::uint64_t chunk, StopSignal& stop) {
    std::string_view field_name;
    std::string_view field_text = line;
    if (split_csv_line(line, fields_, unquoted_)) {
      for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (!is_valid_utf8(fields_[i])) {
          field_name =
              i < layout_->column_count() ? std::string_view(layout_->column_name(i)) : std::string_view{};
          field_text = fields_[i];
          break;
        }
      }
    }
    reject(RowProblem::invalid_utf8, field_name, field_text, chunk, stop);
  }

  void resolve_meter(std::string_view id) {
    if (ids_.find(id, cached_meter_)) {
      cached_meter_state_ = MeterLookup::known;
      return;
    }
    ZoneId zone = options_.default_zone;
    if (options_.registry != nullptr) {
      const MeterInfo* info = options_.registry->find(id);
      if (info == nullptr) {
        cached_meter_state_ = MeterLookup::not_registered;
        return;
      }
      zone = info->zone;
    }
    bool added = false;
    cached_meter_ = ids_.intern(id, added);
    engine_.add_meter(zone);
    features_.resize(ids_.size());
    cached_meter_state_ = MeterLookup::known;
  }

  void reject(RowProblem problem, std::string_view field, std::string_view text, std::uint64_t chunk,
              StopSignal& stop) {
    if (options_.skip_bad_rows) {
      ++rejected_[static_cast<std::size_t>(problem)];
      return;
    }
    if (!error_ || line_no_ < error_line_) {
      std::string message(row_problem_name(problem));
      std::replace(message.begin(), message.end(), '_', ' ');
      error_.emplace(InputPlace{*path_, line_no_, std::string(field)}, message, text);
      error_line_ = line_no_;
    }
    stop.report(chunk);
  }

  enum class MeterLookup : std::uint8_t { unknown_yet, known, not_registered };

  unsigned id_;
  unsigned workers_;
  const BatchScanOptions& options_;
  MiningFeatureAccumulator features_;
  MeterEngine engine_;
  MeterIds ids_;
  TimestampParser timestamps_;
  std::vector<std::string_view> fields_;
  std::string unquoted_;
  std::vector<ParsedReading> readings_;
  ReadingChannels channels_;
  std::vector<ReadingPhysics> physics_;  // by meter index; empty unless needed (physics_of)

  const ReadingsLayout* layout_ = nullptr;
  const std::string* path_ = nullptr;
  std::uint64_t line_no_ = 0;
  std::uint64_t file_rows_ = 0;

  // The last meter id seen and what is known of it: most files keep a meter's rows together.
  std::string cached_id_;
  bool cached_id_valid_ = false;
  bool cached_id_plain_ = false;  // ASCII, unquoted, untrimmed: rows starting with it may take the fast path
  unsigned cached_owner_ = 0;
  MeterLookup cached_meter_state_ = MeterLookup::unknown_yet;
  MeterIndex cached_meter_ = 0;

  std::uint64_t readings_accepted_ = 0;
  std::array<std::uint64_t, kRowProblemCount> rejected_{};
  std::optional<InputError> error_;
  std::uint64_t error_line_ = 0;
};

std::uint64_t file_size(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw InputError({path, 0, ""}, "cannot open: no such file or not readable");
  return static_cast<std::uint64_t>(info.st_size);
}

}  // namespace

std::string read_first_line(const std::string& path) {
  auto source = open_byte_source(path);
  std::string text;
  char buffer[1 << 16];
  while (text.find('\n') == std::string::npos && text.size() < (16u << 20)) {
    const std::size_t n = source->read(buffer, sizeof(buffer));
    if (n == 0) break;
    text.append(buffer, n);
  }
  return text.substr(0, text.find('\n'));
}

BatchScanResult run_batch_scan(const BatchScanOptions& options, const ZoneTable& zones) {
  const auto started = std::chrono::steady_clock::now();
  unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 256u);

  std::uint64_t bytes_total = 0;
  for (const auto& path : options.readings_files) bytes_total += file_size(path);

  std::vector<std::unique_ptr<ScanWorker>> workers;
  for (unsigned w = 0; w < threads; ++w)
    workers.push_back(std::make_unique<ScanWorker>(w, threads, options, zones));

  BatchScanResult result;
  result.threads = threads;
  std::uint64_t bytes_before = 0;
  for (const auto& path : options.readings_files) {
    const std::string header = read_first_line(path);
    const ReadingsLayout layout = ReadingsLayout::from_header(header, path, options.format);
    ChunkStream stream(path, threads);
    StopSignal stop;
    std::vector<std::exception_ptr> failures(threads);
    const auto run = [&](unsigned w) {
      try {
        workers[w]->scan_file(layout, stream, stop, bytes_before, bytes_total);
      } catch (...) {
        failures[w] = std::current_exception();
        stop.report(0);
        stream.cancel();
      }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(run, w);
    run(0);
    for (auto& t : pool) t.join();
    for (const auto& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
    const ScanWorker* first_error = nullptr;
    for (const auto& worker : workers) {
      if (worker->error() && (first_error == nullptr || worker->error_line() < first_error->error_line()))
        first_error = worker.get();
    }
    if (first_error != nullptr) throw *first_error->error();

    FileScanInfo info;
    info.path = path;
    info.format = readings_format_name(layout.format());
    info.compression = compression_name(stream.compression());
    info.bytes = stream.file_bytes();
    info.data_rows = workers[0]->file_rows();
    result.data_rows += info.data_rows;
    result.files.push_back(std::move(info));
    bytes_before += stream.file_bytes();
  }

  std::vector<std::thread> finishers;
  for (unsigned w = 1; w < threads; ++w) finishers.emplace_back([&, w] { workers[w]->finish(); });
  workers[0]->finish();
  for (auto& t : finishers) t.join();
  for (auto& worker : workers) worker->collect(result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace minewatch

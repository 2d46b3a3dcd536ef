#include "minewatch/io/decompress.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <vector>

#include "minewatch/core/error.h"

namespace minewatch {
namespace {

constexpr std::size_t kInputBufferBytes = 1 << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr open_or_throw(const std::string& path) {
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) throw InputError({path, 0, ""}, std::string("cannot open: ") + std::strerror(errno));
  return f;
}

class PlainSource final : public ByteSource {
 public:
  explicit PlainSource(const std::string& path) : path_(path), file_(open_or_throw(path)) {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    const std::size_t n = std::fread(buffer, 1, capacity, file_.get());
    if (n == 0 && std::ferror(file_.get())) throw InputError({path_, 0, ""}, "read error");
    consumed_ += n;
    return n;
  }
  std::uint64_t file_bytes_read() const override { return consumed_; }

 private:
  std::string path_;
  FilePtr file_;
  std::uint64_t consumed_ = 0;
};

// Refills a compressed input buffer from the file; shared by both decoders.
class CompressedInput {
 public:
  explicit CompressedInput(const std::string& path)
      : file_(open_or_throw(path)), buffer_(kInputBufferBytes) {}
  // Makes more compressed bytes available; false at the end of the file.
  bool refill() {
    available_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
    position_ = 0;
    consumed_ += available_;
    return available_ > 0;
  }
  bool empty() const { return position_ >= available_; }
  const unsigned char* data() const {
    return reinterpret_cast<const unsigned char*>(buffer_.data()) + position_;
  }
  std::size_t size() const { return available_ - position_; }
  void advance(std::size_t n) { position_ += n; }
  std::uint64_t consumed() const { return consumed_; }

 private:
  FilePtr file_;
  std::vector<char> buffer_;
  std::size_t available_ = 0;
  std::size_t position_ = 0;
  std::uint64_t consumed_ = 0;
};

class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(const std::string& path) : path_(path), input_(path) {
    std::memset(&stream_, 0, sizeof(stream_));
    // 15 + 32: a zlib or gzip header, detected automatically.
    if (inflateInit2(&stream_, 15 + 32) != Z_OK)
      throw InputError({path_, 0, ""}, "cannot start gzip decoder");
  }
  ~GzipSource() override { inflateEnd(&stream_); }

  std::size_t read(char* buffer, std::size_t capacity) override {
    std::size_t produced = 0;
    while (produced < capacity && !finished_) {
      if (input_.empty() && !input_.refill()) {
        if (in_member_) throw InputError({path_, 0, ""}, "truncated gzip file (ends inside compressed data)");
        finished_ = true;
        break;
      }
      stream_.next_in = const_cast<unsigned char*>(input_.data());
      stream_.avail_in = static_cast<uInt>(input_.size());
      stream_.next_out = reinterpret_cast<unsigned char*>(buffer + produced);
      stream_.avail_out = static_cast<uInt>(capacity - produced);
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      input_.advance(input_.size() - stream_.avail_in);
      produced = capacity - stream_.avail_out;
      in_member_ = true;
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members are one file (as gzip(1) treats them).
        inflateReset(&stream_);
        in_member_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw InputError({path_, 0, ""},
                         std::string("corrupt gzip data: ") + (stream_.msg ? stream_.msg : "?"));
      }
    }
    return produced;
  }
  std::uint64_t file_bytes_read() const override { return input_.consumed(); }

 private:
  std::string path_;
  CompressedInput input_;
  z_stream stream_;
  bool in_member_ = false;
  bool finished_ = false;
};

class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(const std::string& path) : path_(path), input_(path), context_(ZSTD_createDCtx()) {
    if (context_ == nullptr) throw InputError({path_, 0, ""}, "cannot start zstd decoder");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(context_); }

  std::size_t read(char* buffer, std::size_t capacity) override {
    ZSTD_outBuffer out{buffer, capacity, 0};
    while (out.pos < capacity && !finished_) {
      if (input_.empty() && !input_.refill()) {
        if (frame_open_) throw InputError({path_, 0, ""}, "truncated zstd file (ends inside a frame)");
        finished_ = true;
        break;
      }
      ZSTD_inBuffer in{input_.data(), input_.size(), 0};
      const std::size_t rc = ZSTD_decompressStream(context_, &out, &in);
      input_.advance(in.pos);
      if (ZSTD_isError(rc))
        throw InputError({path_, 0, ""}, std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc));
      frame_open_ = rc != 0;
    }
    return out.pos;
  }
  std::uint64_t file_bytes_read() const override { return input_.consumed(); }

 private:
  std::string path_;
  CompressedInput input_;
  ZSTD_DCtx* context_;
  bool frame_open_ = false;
  bool finished_ = false;
};

}  // namespace

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::gzip:
      return "gzip";
    case Compression::zstd:
      return "zstd";
    case Compression::none:
      break;
  }
  return "none";
}

Compression detect_compression(const std::string& path) {
  FilePtr f = open_or_throw(path);
  unsigned char magic[4] = {};
  const std::size_t n = std::fread(magic, 1, sizeof(magic), f.get());
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Compression::gzip;
  if (n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
    return Compression::zstd;
  return Compression::none;
}

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
  switch (detect_compression(path)) {
    case Compression::gzip:
      return std::make_unique<GzipSource>(path);
    case Compression::zstd:
      return std::make_unique<ZstdSource>(path);
    case Compression::none:
      break;
  }
  return std::make_unique<PlainSource>(path);
}

std::string read_whole_file(const std::string& path) {
  auto source = open_byte_source(path);
  std::string out;
  std::vector<char> buffer(1 << 20);
  while (const std::size_t n = source->read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
  return out;
}

}  // namespace minewatch

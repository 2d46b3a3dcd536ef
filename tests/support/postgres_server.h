// tests: a throw-away PostgreSQL server on loopback, started on first use by this test process and stopped
// at its end. initdb/pg_ctl come from /usr/lib/postgresql/<version>/bin; PostgreSQL refuses to run as root,
// so under root (CI) the server commands run as the `postgres` system user. A guardian process stops the
// server and removes its files when this process dies in any way (a crash skips every destructor), so a
// failing ctest entry never leaves a server behind.
#pragma once

#include <fcntl.h>
#include <glob.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace minewatch::testing {

class PostgresServer {
 public:
  // The server of this process, started on first call. nullptr (with `why`) when no PostgreSQL server
  // binaries are installed; throws when they are but the server cannot be started.
  static PostgresServer* shared(std::string& why) {
    std::unique_ptr<PostgresServer>& server = instance();
    if (server) return server.get();
    const std::string bin = find_bin_dir();
    if (bin.empty()) {
      why = "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
      return nullptr;
    }
    server.reset(new PostgresServer(bin));
    return server.get();
  }
  static void stop_shared() { instance().reset(); }

  ~PostgresServer() {
    run_as_server_user(pg_ctl() + " stop -m fast -w >>" + dir_ + "/commands.log 2>&1");
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    ::close(guardian_pipe_);  // the guardian finds nothing left to do
    ::waitpid(guardian_, nullptr, 0);
  }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A new empty database; its name.
  std::string create_database() {
    const std::string name = "minewatch_test_" + std::to_string(++databases_);
    must(bin_ + "/createdb -h 127.0.0.1 -p " + std::to_string(port_) + " -U postgres " + name, "createdb");
    return name;
  }
  std::string url(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }
  // Runs one SQL statement without single quotes in it (a test's direct look at the tables).
  void psql(const std::string& database, const std::string& statement) const {
    must(bin_ + "/psql -X -q -v ON_ERROR_STOP=1 '" + url(database) + "' -c '" + statement + "'", "psql");
  }

 private:
  explicit PostgresServer(std::string bin) : bin_(std::move(bin)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "minewatch_pg_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    start_guardian();
    if (::geteuid() == 0) {
      const passwd* user = ::getpwnam("postgres");
      if (user == nullptr)
        throw std::runtime_error("running as root and no `postgres` user to run the server");
      if (::chown(dir_.c_str(), user->pw_uid, user->pw_gid) != 0) throw std::runtime_error("chown " + dir_);
    }
    must_as_server_user(
        bin_ + "/initdb -D " + dir_ + "/data -U postgres --auth=trust --no-sync --no-locale -E UTF8",
        "initdb");
    // A port that was free a moment ago may be taken by the time the server binds it: try a few.
    for (int attempt = 0;; ++attempt) {
      port_ = free_port();
      const std::string options =
          "-k " + dir_ + " -p " + std::to_string(port_) + " -c listen_addresses=127.0.0.1 -c fsync=off";
      if (run_as_server_user(pg_ctl() + " -l " + dir_ + "/server.log -w -t 120 -o '" + options +
                             "' start >>" + dir_ + "/commands.log 2>&1") == 0)
        break;
      if (attempt == 2) throw std::runtime_error("pg_ctl start failed: see " + dir_ + "/server.log");
    }
  }

  static std::unique_ptr<PostgresServer>& instance() {
    static std::unique_ptr<PostgresServer> server;
    return server;
  }

  static std::string find_bin_dir() {
    glob_t found{};
    std::string bin;
    if (::glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &found) == 0 && found.gl_pathc > 0)
      bin = std::filesystem::path(found.gl_pathv[found.gl_pathc - 1]).parent_path();  // the newest version
    ::globfree(&found);
    return bin;
  }

  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("no free port on 127.0.0.1");
    ::close(fd);
    return ntohs(address.sin_port);
  }

  std::string pg_ctl() const { return bin_ + "/pg_ctl -D " + dir_ + "/data"; }

  // From the server's own directory: the postgres user may not be allowed into the test's working directory.
  int run_as_server_user(const std::string& command) const {
    const std::string full =
        "cd " + dir_ + " && " + (::geteuid() == 0 ? "runuser -u postgres -- " : "") + command;
    const int status = std::system(full.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void must_as_server_user(const std::string& command, const std::string& what) const {
    if (run_as_server_user(command + " >>" + dir_ + "/commands.log 2>&1") != 0)
      throw std::runtime_error(what + " failed: see " + dir_ + "/commands.log");
  }
  void must(const std::string& command, const std::string& what) const {
    const int status = std::system((command + " >>" + dir_ + "/client.log 2>&1").c_str());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw std::runtime_error(what + " failed: see " + dir_ + "/client.log");
  }

  // A child that waits for this process to end (the pipe's write end closes with it, however it ends), then
  // stops the server and removes its directory. Its output goes nowhere, so it never holds ctest's pipes.
  void start_guardian() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    guardian_ = ::fork();
    if (guardian_ < 0) throw std::runtime_error("fork failed");
    if (guardian_ == 0) {
      ::close(fds[1]);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      char byte;
      while (::read(fds[0], &byte, 1) != 0 && errno == EINTR) {
      }
      if (std::filesystem::exists(dir_ + "/data/postmaster.pid"))
        run_as_server_user(pg_ctl() + " stop -m immediate -w");
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
      ::_exit(0);
    }
    ::close(fds[0]);
    guardian_pipe_ = fds[1];
  }

  std::string bin_;
  std::string dir_;
  int port_ = 0;
  int databases_ = 0;
  pid_t guardian_ = -1;
  int guardian_pipe_ = -1;
};

// Stops the shared server after the last test of the process, failed or not.
class PostgresServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { PostgresServer::stop_shared(); }
};
inline ::testing::Environment* const kPostgresServerEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

}  // namespace minewatch::testing

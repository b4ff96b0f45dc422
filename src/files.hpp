// Files a run writes besides its result on standard output: the -o result and the side
// files of options such as --chart and --report. Each is written in full or not at all: to
// a temporary file in the target's folder, renamed over the target only once the whole run
// has succeeded, so that a failed run leaves every target as it was.
#ifndef ERLANGC_FILES_HPP
#define ERLANGC_FILES_HPP

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace erlangc {

/// A file written in full or not at all: the content goes to a temporary file in the
/// folder of `path`, renamed to `path` by commit(); destroyed before commit(), it removes
/// the temporary file and `path` is untouched. `option` names the option in messages.
class atomic_file {
 public:
  atomic_file(std::string path, std::string option);
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;
  ~atomic_file();

  std::ostream& stream() { return stream_; }
  /// Closes the temporary file (io_error with the system's reason when writing failed).
  void close();
  /// close(), then renames the temporary file to the path.
  void commit();

 private:
  std::string path_;
  std::string option_;
  std::string temp_;
  std::ofstream stream_;
  bool created_ = false;
  bool closed_ = false;
};

/// The side files of a run, committed together at its end. run() (cli.cpp) installs one
/// for the duration of a run.
class side_files {
 public:
  side_files() = default;
  side_files(const side_files&) = delete;
  side_files& operator=(const side_files&) = delete;
  ~side_files();

  /// Writes `content` to a temporary file for `path` now (so that a full disk is found
  /// before the result is written); the file takes its name at commit().
  void add(const std::string& path, std::string_view content, const std::string& option);
  void commit();

 private:
  std::vector<std::unique_ptr<atomic_file>> files_;
  side_files* previous_ = nullptr;
  friend class scoped_side_files;
};

/// Installs `files` as the current run's side files until destroyed.
class scoped_side_files {
 public:
  explicit scoped_side_files(side_files& files);
  scoped_side_files(const scoped_side_files&) = delete;
  scoped_side_files& operator=(const scoped_side_files&) = delete;
  ~scoped_side_files();

 private:
  side_files& files_;
};

/// A side file of the current run (outside a run: written and renamed at once).
void write_side_file(const std::string& path, std::string_view content, const std::string& option);

}  // namespace erlangc

#endif  // ERLANGC_FILES_HPP

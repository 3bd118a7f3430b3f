// Salon data (names, phones, consents, keys) is the service's alone: its
// directories are 0700 and its files 0600 from the moment they exist, never
// readable by other local users even briefly.
#pragma once

#include <filesystem>
#include <string_view>

namespace salon {

// Sets the process's umask to 077, so that every file it creates (SQLite's
// database, WAL and journal, logs, outboxes) is private from the start.
void KeepFilesPrivate();

// Creates `dir` (and its parents) as 0700, or narrows an existing one to it.
void EnsurePrivateDirectory(const std::filesystem::path& dir);

// Writes `content` to a new file at `path`, created 0600 (never wider, even
// for a moment, whatever the umask). Throws std::system_error on failure.
void WritePrivateFile(const std::filesystem::path& path, std::string_view content);

}  // namespace salon

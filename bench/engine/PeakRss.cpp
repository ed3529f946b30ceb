// The peak resident set size of one command, as `/usr/bin/time -f %M`
// prints it, without GNU time (not on a fresh machine) and without Python:
// a child forked by a process keeps that process's peak (Linux records it
// at exec), so a child of the Python scripts would report at least
// Python's 15 MB. This launcher is small, and so is what its child keeps.
//
//   peak_rss COMMAND [ARGUMENTS...]
//
// runs COMMAND with its output discarded and prints its peak in KiB on
// stdout; exits with COMMAND's status (1 if it could not run).
#include <cstdio>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: peak_rss COMMAND [ARGUMENTS...]\n");
    return 1;
  }
  pid_t child = fork();
  if (child < 0) {
    std::perror("peak_rss: fork");
    return 1;
  }
  if (child == 0) {
    int nothing = open("/dev/null", O_WRONLY);
    dup2(nothing, STDOUT_FILENO);
    dup2(nothing, STDERR_FILENO);
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) < 0) {
    std::perror("peak_rss: wait4");
    return 1;
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  if (code != 0) {
    std::fprintf(stderr, "peak_rss: %s exited with %d\n", argv[1], code);
    return code;
  }
  std::printf("%ld\n", usage.ru_maxrss);
  return 0;
}

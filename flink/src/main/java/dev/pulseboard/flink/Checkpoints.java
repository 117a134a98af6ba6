package dev.pulseboard.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed, retained checkpoint of a job: <dir>/<job id>/chk-<n>/_metadata.
 * A chk-<n> without _metadata was still being written when the process died and is skipped.
 */
final class Checkpoints {
  static Optional<Path> latest(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) return Optional.empty();
    try (Stream<Path> files = Files.find(jobDir, 3, (p, a) -> p.getFileName().toString().equals("_metadata")
        && p.getParent().getFileName().toString().startsWith("chk-"))) {
      return files.max(Comparator.comparingLong(Checkpoints::mtime)).map(Path::getParent);
    }
  }

  private static long mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private Checkpoints() {}
}

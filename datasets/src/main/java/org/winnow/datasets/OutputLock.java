package org.winnow.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An exclusive claim on one output for the whole of a run, so that two commands never write the
 * same {@code --out}: the operating-system lock ({@link FileChannel#tryLock}) on a lock file named
 * after the output's real path, in the user's lock folder {@code <java.io.tmpdir>/winnow-locks-
 * <user>}. The lock file is kept out of the output's folder so that a killed run, which cannot
 * delete it, leaves nothing beside its output; the price is that two hosts writing one folder on a
 * network share do not see each other's locks. The file names its holder (pid, host, start time)
 * and the output, and a second command fails at once quoting it. The operating system drops the
 * lock when its process dies, so the lock of a killed run is stale by construction and simply taken
 * over. Such locks are per process, so the claims this JVM holds are also kept in a map: a claim
 * from another thread of the same JVM (tests, a library caller on two threads) is refused as well,
 * while the thread that holds a claim may claim the same output again (the CLI claims an output
 * before it opens its log there, then calls a front door that claims it too); such a nested claim
 * does nothing.
 *
 * <p>Once it holds the lock, a claim removes the debris a killed run of the same output left: every
 * {@code .<name>.tmp-<pid>-<n>} made by {@link AtomicFiles#tempSibling} beside the output, in it or
 * in its hidden work folders ({@code .<out>.partial}, …), whose process is gone. Closing the claim
 * deletes the lock file, so a finished run leaves nothing hidden behind.
 */
public final class OutputLock implements AutoCloseable {

  private static final Map<Path, Thread> HELD = new ConcurrentHashMap<>();
  private static final Pattern TEMP = Pattern.compile("^\\..+\\.tmp-(\\d+)-\\d+$");
  private static final int DEBRIS_DEPTH = 3;

  private final Path target;
  private final Path lockFile;
  private final FileChannel channel; // null for a nested claim
  private final FileLock lock;

  private OutputLock(Path target, Path lockFile, FileChannel channel, FileLock lock) {
    this.target = target;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code out}: in the lock folder, named by the SHA-256 of its real path. */
  public static Path lockFile(Path out) {
    String path = OutputGuard.canonical(out).toString();
    String hash =
        org.winnow.datasets.manifest.Sha256.of(path.getBytes(StandardCharsets.UTF_8))
            .substring(0, 32);
    return Path.of(System.getProperty("java.io.tmpdir"))
        .resolve("winnow-locks-" + System.getProperty("user.name", "user"))
        .resolve(hash + ".lock");
  }

  /**
   * Claims {@code out} (a file or a folder, existing or not) and clears a killed run's debris.
   *
   * @throws DatasetException with one line naming the holder when another process, or this one,
   *     holds it
   * @throws IOException when the lock file cannot be written
   */
  public static OutputLock acquire(Path out) throws IOException {
    Path target = OutputGuard.canonical(out);
    Path file = lockFile(target);
    Files.createDirectories(file.getParent());
    Thread holder = HELD.putIfAbsent(target, Thread.currentThread());
    if (holder == Thread.currentThread()) {
      return new OutputLock(target, file, null, null);
    }
    if (holder != null) {
      // Not read from the file: closing any descriptor of a locked file drops this process's lock.
      throw inUse(out, holder() + ", thread " + holder.getName());
    }
    try {
      for (int attempt = 0; attempt < 10; attempt++) {
        Object before = fileKey(file);
        FileChannel ch =
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
        if (lock == null) {
          ch.close();
          throw inUse(out, holderIn(file));
        }
        // The holder before us deletes the file as it lets go: if that happened after we opened
        // it, we hold a lock on a deleted file, and try again on the one now at the path. (The
        // path is only stat-ed: opening it again and closing that would drop our lock.)
        Object after = fileKey(file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
            && (before == null || after == null || before.equals(after))) {
          ch.truncate(0);
          String record = holder() + "; writing " + target + "\n";
          ch.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
          ch.force(false);
          OutputLock claim = new OutputLock(target, file, ch, lock);
          claim.sweepDebris();
          return claim;
        }
        lock.release();
        ch.close();
      }
      throw new IOException(file + ": could not be locked (it keeps being replaced)");
    } catch (IOException | RuntimeException e) {
      HELD.remove(target);
      throw e;
    }
  }

  /** Releases the claim and deletes the lock file. */
  @Override
  public void close() throws IOException {
    if (channel == null) {
      return;
    }
    try {
      Files.deleteIfExists(lockFile);
      lock.release();
    } finally {
      channel.close();
      HELD.remove(target);
    }
  }

  /** Deletes what a killed run of this output left: temporaries of processes that are gone. */
  private void sweepDebris() throws IOException {
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      return; // nothing can lie beside an output whose folder is not there yet
    }
    String prefix = "." + target.getFileName() + ".";
    try (Stream<Path> siblings = Files.list(dir)) {
      for (Path s : siblings.toList()) {
        String name = s.getFileName().toString();
        if (!name.startsWith(prefix)) {
          continue;
        }
        if (isDebris(s)) {
          AtomicFiles.deleteTree(s);
        } else if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
          sweepInside(s);
        }
      }
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      sweepInside(target);
    }
  }

  private static void sweepInside(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder, DEBRIS_DEPTH)) {
      for (Path p : walk.filter(OutputLock::isDebris).toList()) {
        AtomicFiles.deleteTree(p);
      }
    }
  }

  /** A temporary sibling whose process no longer runs. */
  static boolean isDebris(Path p) {
    Matcher m = TEMP.matcher(p.getFileName().toString());
    if (!m.matches()) {
      return false;
    }
    long pid = Long.parseLong(m.group(1));
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  private static DatasetException inUse(Path out, String who) {
    return new DatasetException(
        out + ": in use by another run (" + who + "); wait for it to finish or stop it");
  }

  /** The holder another process wrote into its lock file. */
  private static String holderIn(Path file) {
    try {
      String who = read(file).strip();
      return who.isEmpty() ? "lock " + file : who;
    } catch (IOException e) {
      return "lock " + file;
    }
  }

  /** The file's identity (device and inode), or null when there is no file or no such key. */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(
              file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static String holder() {
    String host = hostName();
    ProcessHandle self = ProcessHandle.current();
    Instant started =
        self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
    return "pid " + self.pid() + " on " + host + ", started " + started;
  }

  /** The host's name without a network lookup (no DNS query for a lock). */
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown host";
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}

package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.exceptions.HdfWritingException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A full disk injected as the exceptions Java and jHDF throw for it, without a full disk. */
class WriteFailuresTest {

  private static final Path FILE = Path.of("/x/e.h5");
  private static final String FULL =
      ": cannot write: the disk is full (No space left on device); free some space and run the"
          + " same command again";

  @Test
  void namesTheFileAndSaysTheDiskIsFullThroughWrappers() {
    IOException enospc = new IOException("No space left on device");
    assertEquals(FILE + FULL, WriteFailures.describe(FILE, enospc));
    assertEquals(
        FILE + FULL,
        WriteFailures.describe(FILE, new HdfWritingException("Exception writing", enospc)));
    assertEquals(
        FILE + ": cannot write: Permission denied",
        WriteFailures.describe(FILE, new IOException("Permission denied")));
  }

  @Test
  void aWriteNamesTheFileTheUserAskedForNotTheTemporaryOne() {
    Path temp = Path.of("/x/.out.tmp-1-1/keep.csv");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                WriteFailures.write(
                    temp,
                    Path.of("/x/out/keep.csv"),
                    f -> {
                      throw new IOException("No space left on device");
                    }));
    assertEquals("/x/out/keep.csv" + FULL, e.getMessage());
  }
}

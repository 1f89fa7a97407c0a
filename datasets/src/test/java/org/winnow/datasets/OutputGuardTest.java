package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/** The rule every {@code --out} passes: it never is, holds or lies in an input. */
class OutputGuardTest {

  @TempDir Path dir;

  private static final OutputGuard.Kind PRUNED =
      OutputGuard.Kind.folderHolding("pruning output", "summary.json");

  private Path dataset() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("a"));
    Files.writeString(data.resolve("a/x.png"), "not really");
    return data;
  }

  /** An embeddings file that records {@code data} as its dataset, as {@code winnow embed} does. */
  private Path embeddingsOf(Path data) {
    EmbeddingSet s = SyntheticEmbeddings.gaussianClusters(2, 5, 4, 2, 0.5, 1);
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(
        file, s.withAttribute(EmbeddingsHeader.DATASET_PATH, data.toAbsolutePath().toString()));
    return file;
  }

  private static String refusal(Path out, List<Path> inputs, boolean overwrite) {
    return assertThrows(
            DatasetException.class, () -> OutputGuard.check(out, inputs, overwrite, PRUNED))
        .getMessage();
  }

  @Test
  void refusesAnOutputThatIsContainsOrLiesInAnInput() throws IOException {
    Path data = dataset();
    Path emb = embeddingsOf(data);
    List<Path> inputs = OutputGuard.withRecordedDatasets(List.of(emb));
    assertTrue(refusal(data, inputs, true).contains("is the input " + data), "the dataset");
    assertTrue(refusal(emb, inputs, true).contains("is the input " + emb), "its own embeddings");
    assertTrue(refusal(data.resolve("run"), inputs, false).contains("lies inside the input"));
    assertTrue(refusal(dir, inputs, true).contains("contains the input"));
    assertDoesNotThrow(() -> OutputGuard.check(dir.resolve("out"), inputs, false, PRUNED));
  }

  @Test
  void seesThroughSymbolicLinksAndDotDot() throws IOException {
    Path data = dataset();
    Path link = Files.createSymbolicLink(dir.resolve("link"), data);
    assertTrue(refusal(link.resolve("out"), List.of(data), false).contains("lies inside"));
    assertTrue(
        refusal(dir.resolve("elsewhere/../data/b"), List.of(data), false).contains("lies inside"));
  }

  @Test
  void overwriteReplacesOnlyWhatWinnowWrote() throws IOException {
    Path foreign = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(foreign.resolve("cat.jpg"), "x");
    String message = refusal(foreign, List.of(), true);
    assertTrue(message.contains("--overwrite refused: not a pruning output"), message);
    assertTrue(message.contains("no summary.json"), message);
    assertEquals(1, message.lines().count());

    Path one = Files.createDirectories(dir.resolve("one"));
    Files.writeString(one.resolve("summary.json"), "{}");
    Path many = Files.createDirectories(dir.resolve("many/keep-0.5"));
    Files.writeString(many.resolve("summary.json"), "{}");
    assertDoesNotThrow(() -> OutputGuard.check(one, List.of(), true, PRUNED));
    assertDoesNotThrow(() -> OutputGuard.check(many.getParent(), List.of(), true, PRUNED));
    // Without --overwrite the guard has nothing to prove: the front door refuses an existing out.
    assertDoesNotThrow(() -> OutputGuard.check(foreign, List.of(), false, PRUNED));
  }

  @Test
  void aSingleFileOutputMayReplaceAFileNeverAFolder() throws IOException {
    OutputGuard.Kind file = OutputGuard.Kind.regularFile("embeddings file");
    Path text = Files.writeString(dir.resolve("notes.h5"), "my notes");
    assertDoesNotThrow(() -> OutputGuard.check(text, List.of(), true, file));
    Path folder = Files.createDirectories(dir.resolve("folder.h5"));
    assertThrows(DatasetException.class, () -> OutputGuard.check(folder, List.of(), true, file));
    assertTrue(OutputGuard.recordedDataset(text).isEmpty(), "not an embeddings file");
    assertEquals(
        Path.of(dir.resolve("data").toAbsolutePath().toString()),
        OutputGuard.recordedDataset(embeddingsOf(dir.resolve("data"))).orElseThrow());
  }
}

package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.synthetic.Corruptions;
import org.winnow.prune.Pruning;
import org.winnow.prune.RandomSelector;

/**
 * A pruning's {@code summary.json}, which carries its manifest, fed a few hundred seeded
 * corruptions: {@code winnow report} reads it or refuses it with one {@link DatasetException} line.
 */
class PruneResultFuzzTest {

  @TempDir Path dir;

  @Test
  void damagedSummaryAndManifestAreOneLine() throws IOException {
    Path embeddings = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(
        embeddings, SyntheticEmbeddings.gaussianClusters(3, 6, 4, 1, 0.3, 2));
    Path out = dir.resolve("pruned");
    Pruning.run(
        new Pruning.Request(embeddings, new RandomSelector(1), List.of(0.5), out, false, "0"),
        Progress.NONE);
    Path summary = out.resolve(ReportRequest.SUMMARY);
    byte[] valid = Files.readAllBytes(summary);
    assertEquals(18, PruneResult.read(out).groups().size());
    Corruptions.Outcome o =
        Corruptions.check(
            summary, valid, 300, 81, DatasetException.class, f -> PruneResult.read(out));
    assertEquals(List.of(), o.escaped());
    assertTrue(o.refused() > 0);
  }
}

package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * TorchScript models, on fixtures written by {@code make_fixtures.py} with Debian's PyTorch 1.13:
 * one with an exported {@code embed} method, the same network traced with its head replaced by
 * Identity (forward only), and one whose output is 4-D.
 */
class TorchScriptTest {

  static final Path FIXTURES = Path.of("src/test/resources/torchscript");

  @TempDir Path dir;
  ImageDataset ds;

  @BeforeEach
  void data() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 12, 2, 12, 12, false, 4);
    ds = Datasets.open(dir.resolve("data"));
  }

  private EmbeddingSet embed(String fixture) {
    Path out = dir.resolve(fixture + ".h5");
    Embedder.embed(
        ds,
        EmbedOptions.defaults(FIXTURES.resolve(fixture).toString())
            .withBatchSize(5)
            .withImageSize(OptionalInt.of(8))
            .withDevice(DeviceChoice.CPU),
        out,
        "t",
        Progress.NONE);
    return EmbeddingSource.of(out).read();
  }

  @Test
  void theEmbedMethodAndAHeadlessForwardGiveTheSameEmbedding() {
    EmbeddingSet viaMethod = embed("with_embed.pt");
    EmbeddingSet viaForward = embed("forward_only.pt");
    assertEquals(12, viaMethod.size());
    assertEquals(4, viaMethod.dimension());
    assertEquals("torchscript method embed()", viaMethod.attributes().get("layer"));
    assertEquals("torchscript forward() output", viaForward.attributes().get("layer"));
    assertTrue(viaMethod.attributes().get("preprocessing").startsWith("rgb 8x8"));
    for (int i = 0; i < 12; i++) {
      assertArrayEquals(viaMethod.vectors()[i], viaForward.vectors()[i], 1e-6f, "row " + i);
    }
  }

  @Test
  void aModelReplacedAtTheSamePathIsRefusedForResume() throws IOException {
    Path model = dir.resolve("model.pt");
    Files.copy(FIXTURES.resolve("with_embed.pt"), model);
    EmbedOptions options =
        EmbedOptions.defaults(model.toString())
            .withBatchSize(2)
            .withShardSize(2)
            .withImageSize(OptionalInt.of(8))
            .withDevice(DeviceChoice.CPU);
    Path out = dir.resolve("e.h5");
    assertThrows(
        EmbedderTest.Killed.class,
        () -> Embedder.embed(ds, options, out, "t", new EmbedderTest.KillAfter(6)));

    Files.copy(FIXTURES.resolve("forward_only.pt"), model, StandardCopyOption.REPLACE_EXISTING);
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class, () -> Embedder.embed(ds, options, out, "t", Progress.NONE));
    assertTrue(
        e.getMessage()
            .matches(
                ".*: the model changed since this partial run \\(torchscript sha256 [0-9a-f]{64}"
                    + " there, torchscript sha256 [0-9a-f]{64} now\\); refusing to resume.*"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());

    // The original bytes again: the partial run resumes.
    Files.copy(FIXTURES.resolve("with_embed.pt"), model, StandardCopyOption.REPLACE_EXISTING);
    assertEquals(4, Embedder.embed(ds, options, out, "t", Progress.NONE).resumedRows());
  }

  @Test
  void aModelWhoseOutputIsNot2dIsOneLine() {
    EmbeddingException e = assertThrows(EmbeddingException.class, () -> embed("spatial.pt"));
    assertTrue(
        e.getMessage()
            .contains("forward() returns shape (5, 2, 8, 8), but an embedding must be 2-D"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertFalse(Files.exists(dir.resolve("spatial.pt.h5")));
  }
}

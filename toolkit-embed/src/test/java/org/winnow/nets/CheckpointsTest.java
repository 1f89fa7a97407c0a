package org.winnow.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

  private static final NetworkSpec SPEC = new NetworkSpec(Architecture.RESNET20, 1, 28, 3);
  private static final CheckpointInfo INFO =
      new CheckpointInfo(SPEC, List.of("T-shirt/top", "Trouser", "Pullover"), "ab".repeat(32));

  @TempDir Path dir;

  @Test
  void roundTripGivesIdenticalLogitsAndInfo() throws IOException {
    Path run = dir.resolve("run");
    float[] before;
    float[] input;
    try (NetworkModel model = NetworkModel.create(SPEC, Device.cpu(), 11);
        NDManager batch = model.model().getNDManager().newSubManager()) {
      NDArray x = batch.randomNormal(model.network().inputShape(4));
      input = x.toFloatArray();
      ParameterStore store = new ParameterStore(batch, false);
      // A training-mode pass moves the batch-norm running statistics off their initial values,
      // so the comparison below also proves they are saved.
      model.network().forward(store, x, true);
      before = model.network().forward(store, x, false).logits().toFloatArray();
      Checkpoints.save(model, INFO, run.resolve(Checkpoints.RUN_SUBFOLDER));
    }
    Path ckpt = run.resolve("checkpoint");
    assertEquals(List.of("checkpoint.json", "parameters-0000.params"), listNames(ckpt));
    assertEquals(List.of("checkpoint"), listNames(run)); // no temporary folders left

    for (Path spelling :
        List.of(
            run, ckpt, ckpt.resolve("checkpoint.json"), ckpt.resolve("parameters-0000.params"))) {
      try (LoadedCheckpoint loaded = Checkpoints.load(spelling, Device.cpu());
          NDManager batch = loaded.model().model().getNDManager().newSubManager()) {
        assertEquals(INFO, loaded.info());
        assertEquals(ckpt, loaded.directory());
        NDArray x = batch.create(input, loaded.model().network().inputShape(4));
        float[] after =
            loaded
                .model()
                .network()
                .forward(new ParameterStore(batch, false), x, false)
                .logits()
                .toFloatArray();
        assertArrayEquals(before, after, spelling.toString());
      }
    }
    assertEquals(INFO, Checkpoints.readInfo(run));
  }

  @Test
  void savingAgainReplacesTheCheckpoint() throws IOException {
    Path ckpt = dir.resolve("ckpt");
    try (NetworkModel first = NetworkModel.create(SPEC, Device.cpu(), 1);
        NetworkModel second = NetworkModel.create(SPEC, Device.cpu(), 2)) {
      Checkpoints.save(first, INFO, ckpt);
      Checkpoints.save(second, INFO, ckpt);
      float[] expected = firstWeights(second);
      try (LoadedCheckpoint loaded = Checkpoints.load(ckpt, Device.cpu())) {
        assertArrayEquals(expected, firstWeights(loaded.model()));
        assertFalse(java.util.Arrays.equals(firstWeights(first), firstWeights(loaded.model())));
      }
    }
    assertEquals(List.of("ckpt"), listNames(dir));
  }

  @Test
  void normalisationIsRecordedAndOlderCheckpointsReadAsHalf() throws IOException {
    Path ckpt = dir.resolve("norm");
    CheckpointInfo custom =
        new CheckpointInfo(
            SPEC,
            INFO.classNames(),
            INFO.indexSha256(),
            new Normalization(new float[] {0.25f}, new float[] {0.125f}));
    try (NetworkModel model = NetworkModel.create(SPEC, Device.cpu(), 5)) {
      Checkpoints.save(model, custom, ckpt);
    }
    assertEquals(custom, Checkpoints.readInfo(ckpt));
    // A checkpoint written before normalisation was recorded: the fixed 0.5 / 0.5.
    rewriteJson(ckpt, "\\s*\"normalization_(mean|std)\": \\[\\s*[0-9.]+\\s*\\],", "");
    assertEquals(Normalization.half(1), Checkpoints.readInfo(ckpt).normalization());
  }

  @Test
  void missingCheckpointAndMissingParameterFile() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    assertMessage(nowhere + ": no such file or folder", nowhere);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertMessage(
        empty + ": not a Winnow checkpoint (no checkpoint.json or checkpoint/checkpoint.json)",
        empty);

    Path ckpt = saved("params-gone");
    Files.delete(ckpt.resolve("parameters-0000.params"));
    assertMessage(ckpt.resolve("parameters-0000.params") + ": parameter file is missing", ckpt);
  }

  @Test
  void corruptParameterFileIsCaughtByItsHash() throws IOException {
    Path ckpt = saved("flipped");
    Path params = ckpt.resolve("parameters-0000.params");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length - 3] ^= 0x40; // one bit of the last weight
    Files.write(params, bytes);
    assertMessage(
        params + ": corrupt parameter file (its SHA-256 differs from checkpoint.json)", ckpt);
  }

  @Test
  void truncatedParameterFileFailsInDjlWithOneLine() throws IOException {
    Path ckpt = saved("truncated");
    Path params = ckpt.resolve("parameters-0000.params");
    byte[] bytes = Files.readAllBytes(params);
    Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    rewriteJson(
        ckpt,
        "\"parameters_sha256\": \"[0-9a-f]+\"",
        "\"parameters_sha256\": \"" + sha(params) + "\"");
    CheckpointException e = load(ckpt);
    assertTrue(
        e.getMessage()
            .startsWith(params + ": corrupt parameter file, or not one for resnet20 with 1 input"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void parametersOfAnotherShapeAreRejected() throws IOException {
    Path ckpt = saved("four-classes");
    // The JSON now claims four classes; the saved head has three.
    rewriteJson(ckpt, "\"Pullover\"", "\"Pullover\", \"Dress\"");
    CheckpointException e = load(ckpt);
    assertEquals(
        ckpt.resolve("parameters-0000.params")
            + ": parameter 02Linear_weight has shape (3, 64) but resnet20 with 1 input channel(s)"
            + " and 4 classes needs (4, 64)",
        e.getMessage());
  }

  @Test
  void parametersOfAnotherArchitectureAreRejected() throws IOException {
    Path ckpt = saved("other-arch");
    rewriteJson(ckpt, "resnet20", "resnet32");
    CheckpointException e = load(ckpt);
    assertTrue(
        e.getMessage()
            .startsWith(
                ckpt.resolve("parameters-0000.params")
                    + ": corrupt parameter file, or not one for resnet32"),
        e.getMessage());
  }

  @Test
  void unknownArchitectureAndBadJson() throws IOException {
    Path ckpt = saved("vgg");
    Path json = ckpt.resolve("checkpoint.json");
    rewriteJson(ckpt, "resnet20", "vgg16");
    assertMessage(
        json + ": unknown architecture 'vgg16' (known: resnet18, resnet32, resnet20)", ckpt);

    Files.writeString(json, "{\"format\": \"winnow-checkpoint\", \"version\": 1");
    assertTrue(load(ckpt).getMessage().startsWith(json + ": not valid JSON: "));
    Files.writeString(json, "{\"format\": \"winnow-checkpoint\", \"version\": 2}");
    assertMessage(json + ": checkpoint version 2 is not supported (this Winnow reads 1)", ckpt);
    Files.writeString(json, "{\"format\": \"winnow-checkpoint\", \"version\": 1}");
    assertMessage(json + ": 'architecture' is missing", ckpt);
  }

  @Test
  void infoMustDescribeTheModel() {
    try (NetworkModel model = NetworkModel.create(SPEC, Device.cpu(), 1)) {
      CheckpointInfo other =
          new CheckpointInfo(
              new NetworkSpec(Architecture.RESNET32, 1, 28, 3), INFO.classNames(), "00");
      assertThrows(
          IllegalArgumentException.class, () -> Checkpoints.save(model, other, dir.resolve("x")));
    }
    assertThrows(
        IllegalArgumentException.class, () -> new CheckpointInfo(SPEC, List.of("a", "b"), "00"));
  }

  private Path saved(String name) {
    Path ckpt = dir.resolve(name);
    try (NetworkModel model = NetworkModel.create(SPEC, Device.cpu(), 5)) {
      Checkpoints.save(model, INFO, ckpt);
    }
    return ckpt;
  }

  private static void rewriteJson(Path ckpt, String regex, String replacement) throws IOException {
    Path json = ckpt.resolve("checkpoint.json");
    String before = Files.readString(json);
    String after = before.replaceAll(regex, replacement);
    assertFalse(before.equals(after), "the test edit changed nothing");
    Files.writeString(json, after);
  }

  private static CheckpointException load(Path path) {
    return assertThrows(
        CheckpointException.class, () -> Checkpoints.load(path, Device.cpu()).close());
  }

  private static void assertMessage(String expected, Path path) {
    assertEquals(expected, load(path).getMessage());
  }

  private static float[] firstWeights(NetworkModel model) {
    return model.model().getBlock().getParameters().get(0).getValue().getArray().toFloatArray();
  }

  private static String sha(Path file) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> listNames(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

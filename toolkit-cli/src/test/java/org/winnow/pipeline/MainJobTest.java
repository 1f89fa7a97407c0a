package org.winnow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.SemanticSelector;

/**
 * {@code winnow run} with a given model (no training): each stage's manifest uses the options the
 * stage's library records in its own manifest, and the embeddings file's hash, computed once, is
 * the one both the prune stage and the pruning run's manifest record.
 */
class MainJobTest {

  @TempDir Path dir;

  @Test
  void stagesAreKeyedOnTheLibrarysOwnOptions() throws IOException {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 40, 10, 8, 8, false, 3);
    Path out = dir.resolve("job");
    List<String> log = new ArrayList<>();
    MainJob.Request request =
        new MainJob.Request(
            data,
            OpenOptions.defaults(),
            0.5,
            out,
            Optional.of("resnet20"),
            7,
            16,
            MethodSpec.defaults(SemanticSelector.METHOD),
            "test");
    MainJob.Result r = MainJob.run(request, null, Progress.NONE, log::add);
    assertEquals(List.of("embed", "prune"), r.built());
    assertEquals(20, r.kept());

    // The embed stage: the keys and values winnow embed writes, less those of the opened model.
    JsonObject embedStage = json(out.resolve("embed/manifest.json")).getAsJsonObject("options");
    JsonObject embedRun =
        JsonParser.parseString(
                EmbeddingSource.of(r.embeddings())
                    .read()
                    .attribute(EmbeddingsHeader.MANIFEST)
                    .orElseThrow())
            .getAsJsonObject()
            .getAsJsonObject("options");
    TreeMap<String, String> expected = new TreeMap<>();
    for (String key : embedRun.keySet()) {
      if (!List.of("model_key", "device_used", "input_size", "input_channels", "mean", "std")
          .contains(key)) {
        expected.put(key, embedRun.get(key).getAsString());
      }
    }
    assertEquals(expected, strings(embedStage));
    assertEquals("auto", embedStage.get("device").getAsString());

    // The prune stage: exactly the options of the pruning run's manifest, and the same file hash.
    JsonObject pruneStage = json(out.resolve("prune/manifest.json"));
    JsonObject pruneRun = json(out.resolve("summary.json")).getAsJsonObject("manifest");
    assertEquals(
        strings(pruneRun.getAsJsonObject("options")),
        strings(pruneStage.getAsJsonObject("options")));
    String sha = Sha256.of(r.embeddings());
    assertEquals(sha, input(pruneStage, "embeddings").get("sha256").getAsString());
    assertEquals(sha, input(pruneRun, "embeddings").get("sha256").getAsString());

    // A rerun finds every stage up to date.
    log.clear();
    assertEquals(List.of(), MainJob.run(request, null, Progress.NONE, log::add).built());
    assertTrue(log.stream().allMatch(l -> l.endsWith("up to date, skipped")), log.toString());
  }

  private static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static TreeMap<String, String> strings(JsonObject o) {
    TreeMap<String, String> m = new TreeMap<>();
    for (String key : o.keySet()) {
      m.put(key, o.get(key).getAsString());
    }
    return m;
  }

  private static JsonObject input(JsonObject manifest, String role) {
    for (var e : manifest.getAsJsonArray("inputs")) {
      if (e.getAsJsonObject().get("role").getAsString().equals(role)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no input " + role + " in " + manifest);
  }
}

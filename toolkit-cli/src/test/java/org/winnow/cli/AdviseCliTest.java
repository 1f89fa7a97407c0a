package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.folder.SyntheticFolders;

/** {@code winnow advise}, run in-process as the launcher does. */
class AdviseCliTest {

  @TempDir Path dir;

  @Test
  void printsTheRecommendationAndWritesTheAdvice() throws IOException {
    Path emb = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(emb, SyntheticEmbeddings.gaussianClusters(3, 40, 8, 2, 0.3, 1));
    Path out = dir.resolve("advice");
    Result r =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--fractions",
            "0.5,0.25",
            "--trials",
            "2",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(
        lines[0].matches("Keep (100|50|25) % \\((semantic|random)\\): a linear probe .*"), r.out());
    assertTrue(lines[1].matches("  semantic +(1\\.0|0\\.5|0\\.25) \\(.*"), r.out());
    assertTrue(lines[2].matches("  random +(1\\.0|0\\.5|0\\.25) \\(.*"), r.out());
    assertEquals("-> " + out.toAbsolutePath().resolve("advice.json"), lines[3]);
    for (String f : new String[] {"advice.json", "advice.html", "probe.png", "probe.svg"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }

    Result exists =
        WinnowCliTest.run("advise", "--embeddings", emb.toString(), "--out", out.toString());
    assertEquals(1, exists.code());
    assertEquals(
        "winnow: error: "
            + out.toAbsolutePath()
            + ": already exists (pass --overwrite to replace it)\n",
        exists.err());

    Result tolerance =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--tolerance",
            "2",
            "--out",
            dir.resolve("x").toString());
    assertEquals(2, tolerance.code());
    assertTrue(
        tolerance.err().startsWith("winnow: --tolerance must be in [0, 1)"), tolerance.err());

    Path other = dir.resolve("other.h5");
    Hdf5EmbeddingsWriter.write(other, SyntheticEmbeddings.gaussianClusters(4, 5, 8, 1, 0.3, 3));
    Result classes =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--test-embeddings",
            other.toString(),
            "--out",
            dir.resolve("x").toString());
    assertEquals(1, classes.code());
    assertEquals(1, classes.err().lines().count(), classes.err());
    assertTrue(classes.err().contains("its classes differ from the training embeddings'"));
    assertFalse(Files.exists(dir.resolve("x")));
  }

  private static final String SAMPLE =
      Path.of("../datasets/sample/fashion-mnist-small").toAbsolutePath().normalize().toString();

  private Result advise(Path train, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "advise", "--embeddings", train.toString(), "--trials", "1", "--fractions", "0.5"));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  private static JsonObject json(Path folder) throws IOException {
    return JsonParser.parseString(Files.readString(folder.resolve("advice.json")))
        .getAsJsonObject();
  }

  /**
   * {@code --data}: the bundled sample's test split, embedded by the model the training embeddings
   * record, gives the very probe that the test split embedded by {@code winnow embed} gives.
   */
  @Test
  void dataEmbedsItsTestSplitAsWinnowEmbedWould() throws IOException {
    Path train = dir.resolve("train.h5");
    Path test = dir.resolve("test.h5");
    for (String[] embed :
        new String[][] {
          {"--split", "train", "--out", train.toString()},
          {"--split", "test", "--out", test.toString()}
        }) {
      List<String> args =
          new ArrayList<>(
              List.of("embed", "--data", SAMPLE, "--model", "resnet20", "--device", "cpu"));
      args.addAll(List.of(embed));
      Result r = WinnowCliTest.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
    }
    Path viaData = dir.resolve("via-data");
    Result r = advise(train, "--data", SAMPLE, "--device", "cpu", "--out", viaData.toString());
    assertEquals(0, r.code(), r.err());
    Path viaFile = dir.resolve("via-file");
    Result f = advise(train, "--test-embeddings", test.toString(), "--out", viaFile.toString());
    assertEquals(0, f.code(), f.err());
    JsonObject data = json(viaData);
    assertEquals(json(viaFile).get("points"), data.get("points"));
    assertEquals(r.out().lines().findFirst(), f.out().lines().findFirst());
    String rule = data.getAsJsonObject("rule").get("test").getAsString();
    assertTrue(
        rule.startsWith("the test split of " + SAMPLE + " (500 samples), embedded by resnet20"),
        rule);
    assertEquals(
        "[\"embeddings\",\"dataset\",\"model\"]",
        data.getAsJsonObject("manifest").getAsJsonArray("inputs").asList().stream()
            .map(e -> e.getAsJsonObject().get("role"))
            .toList()
            .toString()
            .replace(", ", ","));
    assertTrue(Files.readString(viaData.resolve("advice.html")).contains("the test split of"));

    // another dataset than the one the embeddings were computed from
    Path other = dir.resolve("other");
    SyntheticFolders.writePngs(other.resolve("train"), 2, 3, 16, 1);
    SyntheticFolders.writePngs(other.resolve("test"), 2, 2, 16, 2);
    Path out = dir.resolve("bad");
    Result wrong = advise(train, "--data", other.toString(), "--out", out.toString());
    assertEquals(1, wrong.code(), wrong.err());
    assertEquals(
        "winnow: error: "
            + other
            + ": is not the dataset "
            + train
            + " was embedded from (its index hash differs; the file records "
            + SAMPLE
            + "); pass that dataset, or --test-embeddings\n",
        wrong.err());
    assertFalse(Files.exists(out));

    Result both =
        advise(
            train, "--data", SAMPLE, "--test-embeddings", test.toString(), "--out", out.toString());
    assertEquals(2, both.code(), both.err());
    assertTrue(
        both.err()
            .startsWith("winnow: --data and --test-embeddings both give the test set; pass one"),
        both.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void dataNeedsEmbeddingsThatRecordTheirModel() throws IOException {
    Path emb = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(emb, SyntheticEmbeddings.gaussianClusters(3, 40, 8, 2, 0.3, 1));
    Path out = dir.resolve("advice");
    Result r = advise(emb, "--data", SAMPLE, "--out", out.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(
        "winnow: error: "
            + emb
            + ": records no model (not written by winnow embed), so --data cannot embed its test"
            + " split alike; pass --test-embeddings\n",
        r.err());
    assertFalse(Files.exists(out));
  }
}

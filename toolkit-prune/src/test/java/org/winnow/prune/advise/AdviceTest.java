package org.winnow.prune.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

class AdviceTest {

  @TempDir Path dir;

  private static final List<Double> FRACTIONS =
      List.of(1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1);

  /**
   * {@code distinct} points per class around the class's centre, each 10 times with a tiny jitter:
   * a set that holds each sample ten times over, so keeping one copy of each (10 %) loses nothing.
   */
  private Path tenfold(int classes, int distinct, int dim) throws IOException {
    return tenfold(classes, distinct, dim, 10, "tenfold.h5");
  }

  /** The same points ({@code SplittableRandom(5)}), {@code copies} jittered copies each. */
  private Path tenfold(int classes, int distinct, int dim, int copies, String name)
      throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    double[][] centre = new double[classes][dim];
    for (double[] c : centre) {
      for (int j = 0; j < dim; j++) {
        c[j] = r.nextGaussian();
      }
    }
    SplittableRandom jitter = new SplittableRandom(name.length() + 31L * copies);
    List<String> ids = new ArrayList<>();
    List<float[]> v = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int p = 0; p < classes * distinct; p++) {
      double[] x = new double[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = centre[p % classes][j] + 0.7 * r.nextGaussian();
      }
      for (int copy = 0; copy < copies; copy++) {
        float[] f = new float[dim];
        for (int j = 0; j < dim; j++) {
          f[j] = (float) (x[j] + 1e-3 * jitter.nextGaussian());
        }
        ids.add("p" + p + "/" + copy);
        v.add(f);
        labels.add(p % classes);
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("c" + c);
    }
    Path file = dir.resolve(name);
    Hdf5EmbeddingsWriter.write(
        file,
        new EmbeddingSet(
            name,
            ids,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            names,
            v.toArray(float[][]::new),
            new TreeMap<>()));
    return file;
  }

  private static Advice.Request request(
      Path emb, Optional<Path> test, Optional<Path> curve, Path out) {
    return new Advice.Request(emb, test, 0.2, FRACTIONS, 3, 0.01, 0.03, curve, 7, out, false, "t");
  }

  /** A request without test embeddings or curve, with these numbers. */
  private static Advice.Request request(
      Path emb, double holdout, List<Double> fractions, int trials, double tolerance, Path out) {
    return new Advice.Request(
        emb,
        Optional.empty(),
        holdout,
        fractions,
        trials,
        tolerance,
        0.03,
        Optional.empty(),
        7,
        out,
        false,
        "t");
  }

  @Test
  void aTenfoldDuplicatedSetCanLoseNineTenthsByTheSemanticSubset() throws IOException {
    Path emb = tenfold(3, 40, 64);
    // the test set: two more copies of each point, with their own jitter
    Path test = tenfold(3, 40, 64, 2, "test.h5");
    Path curve = Files.createDirectories(dir.resolve("curve"));
    Files.writeString(
        curve.resolve("curve.csv"),
        "method,fraction,n_train,mean,std,n\nsemantic,1,1200,0.9,0.01,2\nsemantic,0.5,600,0.895,0.01,2\n"
            + "semantic,0.1,120,0.7,0.01,2\n");
    Advice.Report report =
        Advice.run(
            request(emb, Optional.of(test), Optional.of(curve), dir.resolve("out")), Progress.NONE);

    Recommendation semantic = report.methods().get(0);
    assertEquals("semantic", semantic.method());
    assertEquals(
        0.1, semantic.fraction(), "one copy of each point is all a probe needs: " + semantic);
    assertTrue(semantic.full() > 0.95, "the probe learns the copies: " + semantic.full());
    assertEquals(semantic, report.chosen());
    assertTrue(report.text().startsWith("Keep 10 % (semantic): a linear probe"), report.text());

    JsonObject json =
        JsonParser.parseString(Files.readString(dir.resolve("out/advice.json"))).getAsJsonObject();
    assertEquals(0.1, json.getAsJsonObject("recommendation").get("fraction").getAsDouble());
    assertEquals(20, json.getAsJsonArray("points").size());
    assertEquals(
        0.5,
        json.getAsJsonObject("retrained")
            .getAsJsonArray("methods")
            .get(0)
            .getAsJsonObject()
            .get("fraction")
            .getAsDouble());
    assertTrue(Files.size(dir.resolve("out/probe.png")) > 1000);
    String html = Files.readString(dir.resolve("out/advice.html"));
    assertTrue(
        html.contains("<section id=\"advice\">")
            && html.contains("Against the retrained curve")
            && html.contains("<svg"),
        html);
    assertTrue(json.getAsJsonObject("manifest").toString().contains("curve.csv"));
  }

  @Test
  void aCurveMethodTrainedOnlyAtFractionOneSupportsNoFraction() throws IOException {
    Path emb = tenfold(3, 10, 16);
    Path curve = Files.createDirectories(dir.resolve("curve"));
    Files.writeString(
        curve.resolve("curve.csv"),
        "method,fraction,n_train,mean,std,n\nsemantic,1,300,0.82,0,1\nsemantic,0.8,240,0.79,0,1\n"
            + "random,1,300,0.82,0,1\n");
    Advice.run(
        request(emb, Optional.empty(), Optional.of(curve), dir.resolve("out")), Progress.NONE);
    JsonObject json =
        JsonParser.parseString(Files.readString(dir.resolve("out/advice.json"))).getAsJsonObject();
    var methods = json.getAsJsonObject("retrained").getAsJsonArray("methods");
    assertEquals(1.0, methods.get(0).getAsJsonObject().get("fraction").getAsDouble());
    assertTrue(methods.get(1).getAsJsonObject().get("fraction").isJsonNull(), methods.toString());
    assertEquals(
        "random: trained only on the full set, no pruned fraction to judge",
        methods.get(1).getAsJsonObject().get("text").getAsString());
    String html = Files.readString(dir.resolve("out/advice.html"));
    assertTrue(
        html.contains(
            "support: semantic 100 % (its next retrained fraction falls more than the tolerance"
                + " under the full set); random: trained only on the full set, no pruned fraction"),
        html);
    assertFalse(html.contains("random 100 %"), html);
  }

  @Test
  void givenTestEmbeddingsSemanticIsTrainedOnceAndRandomEveryTrial() throws IOException {
    Path train = dir.resolve("train.h5");
    Path test = dir.resolve("test.h5");
    Hdf5EmbeddingsWriter.write(train, SyntheticEmbeddings.gaussianClusters(3, 60, 16, 3, 0.8, 1));
    EmbeddingSet t = SyntheticEmbeddings.gaussianClusters(3, 20, 16, 3, 0.8, 1);
    Hdf5EmbeddingsWriter.write(test, t);
    Advice.Report report =
        Advice.run(
            request(train, Optional.of(test), Optional.empty(), dir.resolve("o")), Progress.NONE);
    for (ProbePoint p : report.points()) {
      assertEquals(
          p.method().equals("semantic") ? 1 : 3, p.trials(), p.method() + " " + p.fraction());
    }
    // at fraction 1 both are the whole pool: the same accuracy
    assertEquals(report.points().get(0).mean(), report.points().get(10).mean(), 0);
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    Path emb = tenfold(3, 4, 8);
    Path other = dir.resolve("other.h5");
    Hdf5EmbeddingsWriter.write(other, SyntheticEmbeddings.gaussianClusters(4, 5, 8, 1, 0.3, 3));
    Path out = dir.resolve("out");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                Advice.run(request(emb, Optional.of(other), Optional.empty(), out), Progress.NONE));
    assertTrue(
        e.getMessage().contains("its classes differ from the training embeddings'"),
        e.getMessage());
    Path wide = dir.resolve("wide.h5");
    Hdf5EmbeddingsWriter.write(wide, SyntheticEmbeddings.gaussianClusters(3, 5, 9, 1, 0.3, 3));
    Path narrow = dir.resolve("narrow.h5");
    Hdf5EmbeddingsWriter.write(narrow, SyntheticEmbeddings.gaussianClusters(3, 5, 8, 1, 0.3, 3));
    e =
        assertThrows(
            DatasetException.class,
            () ->
                Advice.run(
                    request(narrow, Optional.of(wide), Optional.empty(), out), Progress.NONE));
    assertTrue(e.getMessage().contains("dimension 9, the training embeddings"), e.getMessage());
    Path single = dir.resolve("single.h5");
    Hdf5EmbeddingsWriter.write(single, SyntheticEmbeddings.gaussianClusters(3, 1, 8, 1, 0.3, 3));
    e =
        assertThrows(
            DatasetException.class,
            () ->
                Advice.run(
                    request(single, Optional.empty(), Optional.empty(), out), Progress.NONE));
    assertTrue(
        e.getMessage()
            .contains(
                "has 1 sample, too few to hold 0.2 out and train on the rest; pass --test-embeddings"),
        e.getMessage());
    Path noCurve = Files.createDirectories(dir.resolve("nocurve"));
    e =
        assertThrows(
            DatasetException.class,
            () ->
                Advice.run(
                    request(emb, Optional.empty(), Optional.of(noCurve), out), Progress.NONE));
    assertTrue(e.getMessage().contains("curve.csv"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> request(emb, 0.2, FRACTIONS, 3, 1.5, out));
    assertTrue(bad.getMessage().startsWith("--tolerance must be in [0, 1)"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> request(emb, 1, FRACTIONS, 3, 0.01, out));
    assertThrows(IllegalArgumentException.class, () -> request(emb, 0.2, FRACTIONS, 0, 0.01, out));
    assertFalse(Files.exists(out));
    assertEquals(List.of(1.0, 0.5), request(emb, 0.2, List.of(0.5), 1, 0.01, out).fractions());
  }
}

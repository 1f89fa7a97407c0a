package org.winnow.train.active;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbeddingException;
import org.winnow.embed.Inference;
import org.winnow.prune.active.ModelFactory;
import org.winnow.prune.active.ProbabilityModel;

/**
 * The probabilities of a fixed network for {@code winnow active next --model RUN_DIR}: the
 * candidates' images, found in the dataset the pool's embeddings record ({@code dataset_path},
 * {@code dataset_format}), go through {@link Inference} with the model spec as {@code winnow embed
 * --model} takes it (a {@code winnow train} run folder or checkpoint; an architecture name gives a
 * seeded random network). The labels do not retrain it: retraining between batches is {@code winnow
 * train}'s job.
 */
public final class NetworkProbabilities implements ModelFactory {

  private final String model;
  private final DeviceChoice device;

  /**
   * A factory for one network.
   *
   * @param model the model spec, e.g. a run folder
   * @param device where the network runs
   */
  public NetworkProbabilities(String model, DeviceChoice device) {
    this.model = Objects.requireNonNull(model, "model");
    this.device = Objects.requireNonNull(device, "device");
  }

  @Override
  public ProbabilityModel fit(EmbeddingSet data, double[][] unit, int[] rows, int[] labels) {
    ImageDataset dataset = dataset(data);
    Map<String, Sample> byId = new HashMap<>();
    for (Sample s : dataset.samples()) {
      byId.put(s.id(), s);
    }
    int classes = data.classNames().size();
    return new ProbabilityModel() {
      @Override
      public double[][] probabilities(int[] rows) {
        if (rows.length == 0) {
          return new double[0][];
        }
        List<Sample> samples = new ArrayList<>(rows.length);
        for (int r : rows) {
          Sample s = byId.get(data.ids().get(r));
          if (s == null) {
            throw new DatasetException(
                data.source()
                    + ": sample '"
                    + data.ids().get(r)
                    + "' is not in the dataset "
                    + dataset.root());
          }
          samples.add(s);
        }
        float[][] p =
            Inference.run(
                    dataset,
                    samples,
                    Inference.Options.defaults(model).withDevice(device),
                    Set.of(Inference.Output.PROBABILITIES),
                    Progress.NONE)
                .get(Inference.Output.PROBABILITIES);
        if (p[0].length != classes) {
          throw new EmbeddingException(
              model
                  + ": the network has "
                  + p[0].length
                  + " classes, the embeddings "
                  + data.source()
                  + " "
                  + classes);
        }
        double[][] out = new double[p.length][classes];
        for (int i = 0; i < p.length; i++) {
          for (int c = 0; c < classes; c++) {
            out[i][c] = p[i][c];
          }
        }
        return out;
      }

      @Override
      public String name() {
        return model;
      }
    };
  }

  /** The dataset the embeddings were computed from, as they record it. */
  private static ImageDataset dataset(EmbeddingSet data) {
    String root =
        data.attribute(EmbeddingsHeader.DATASET_PATH)
            .orElseThrow(
                () ->
                    new DatasetException(
                        data.source()
                            + ": records no dataset_path, so --model cannot find the images"));
    OpenOptions options = OpenOptions.defaults();
    String format = data.attributes().get(EmbeddingsHeader.DATASET_FORMAT);
    if (format != null) {
      try {
        options = options.withFormat(DatasetFormat.parse(format));
      } catch (IllegalArgumentException e) {
        throw new DatasetException(
            data.source() + ": dataset_format '" + format + "' is not a dataset Winnow can open",
            e);
      }
    }
    return Datasets.open(Path.of(root), options, Progress.NONE);
  }

  @Override
  public String name() {
    return model;
  }
}

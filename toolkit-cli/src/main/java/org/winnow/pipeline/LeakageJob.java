package org.winnow.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.embed.Embedder;
import org.winnow.embed.Inference;
import org.winnow.prune.audit.Leakage;
import org.winnow.prune.audit.LeakageAudit;
import org.winnow.report.LeakagePage;

/**
 * {@code winnow audit leakage} as a job: the embeddings of the train and held-out samples, either
 * read from two files or computed by one model in one pass over a dataset's train, validation and
 * test splits ({@link Inference}, preprocessed as {@code winnow embed} does), then {@link
 * LeakageAudit} and its report ({@link LeakagePage}).
 */
public final class LeakageJob {

  private LeakageJob() {}

  /**
   * What to audit.
   *
   * @param data the dataset folder; with embeddings files, empty to show ids without images
   * @param open how to open it
   * @param inference the model and how to run it; empty when the embeddings are given
   * @param trainEmbeddings the train samples' embeddings; empty with a model
   * @param testEmbeddings the held-out samples' embeddings; empty with a model
   * @param threshold the twin threshold
   * @param out the output folder
   * @param overwrite whether an existing audit folder may be replaced
   * @param version the Winnow version, for the manifest
   */
  public record Request(
      Optional<Path> data,
      OpenOptions open,
      Optional<Inference.Options> inference,
      Optional<Path> trainEmbeddings,
      Optional<Path> testEmbeddings,
      double threshold,
      Path out,
      boolean overwrite,
      String version) {

    /** Checks that exactly one source of embeddings is given, and the threshold. */
    public Request {
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(open, "open");
      LeakageAudit.checkThreshold(threshold);
      if (inference.isPresent() == (trainEmbeddings.isPresent() || testEmbeddings.isPresent())) {
        throw new IllegalArgumentException(
            "give either --model or both --embeddings and --test-embeddings");
      }
      if (trainEmbeddings.isPresent() != testEmbeddings.isPresent()) {
        throw new IllegalArgumentException("--embeddings and --test-embeddings go together");
      }
      if (inference.isPresent() && data.isEmpty()) {
        throw new IllegalArgumentException("--model needs --data, the dataset to embed");
      }
    }
  }

  /**
   * What the audit found.
   *
   * @param leakageCsv the written {@code leakage.csv}
   * @param leakage the pairs
   */
  public record Result(Path leakageCsv, Leakage leakage) {

    /** The number of held-out samples with a train twin. */
    public int twins() {
      return leakage.twins().size();
    }
  }

  /**
   * Runs the audit.
   *
   * @throws DatasetException when an input cannot be read or does not fit (one line)
   * @throws IllegalArgumentException when the output exists without {@code overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Result run(Request r, Progress progress) throws IOException {
    List<Path> inputs = new ArrayList<>();
    r.data().ifPresent(inputs::add);
    r.trainEmbeddings().ifPresent(inputs::add);
    r.testEmbeddings().ifPresent(inputs::add);
    LeakageAudit.checkOutput(r.out(), r.overwrite(), inputs);
    r.inference().ifPresent(i -> Embedder.checkModel(i.model()));
    Optional<ImageDataset> dataset = r.data().map(d -> Datasets.open(d, r.open(), progress));
    TreeMap<String, String> options = new TreeMap<>();
    options.put("threshold", Double.toString(r.threshold()));
    List<Manifest.Input> manifestInputs = new ArrayList<>();
    EmbeddingSet train;
    List<LeakageAudit.HeldOut> heldOut = new ArrayList<>();
    if (r.inference().isPresent()) {
      Inference.Options o = r.inference().get();
      options.put("model", o.model());
      options.put("image_size", o.imageSize().isPresent() ? "" + o.imageSize().getAsInt() : "auto");
      options.put("seed", Integer.toString(o.seed()));
      Map<Split, EmbeddingSet> sets = embed(dataset.orElseThrow(), o, progress);
      train = sets.get(Split.TRAIN);
      sets.forEach(
          (split, set) -> {
            if (split != Split.TRAIN) {
              heldOut.add(new LeakageAudit.HeldOut(split.id(), set));
            }
          });
      manifestInputs.add(MainJob.datasetInput(dataset.get()));
      manifestInputs.add(MainJob.modelInput(o.model()));
    } else {
      EmbeddingSource trainFile = EmbeddingSource.of(r.trainEmbeddings().get());
      EmbeddingSource testFile = EmbeddingSource.of(r.testEmbeddings().get());
      train = trainFile.read();
      EmbeddingSet test = testFile.read();
      String split =
          test.attribute(EmbeddingsHeader.SPLIT)
              .filter(s -> !s.isBlank() && !s.equals("all") && !s.equals(Split.TRAIN.id()))
              .orElse(Split.TEST.id());
      heldOut.add(new LeakageAudit.HeldOut(split, test));
      manifestInputs.add(trainFile.manifestInput("train_embeddings", train));
      manifestInputs.add(testFile.manifestInput("test_embeddings", test));
      if (dataset.isPresent()) {
        checkIds(dataset.get(), List.of(train, test));
        manifestInputs.add(MainJob.datasetInput(dataset.get()));
      }
    }
    Leakage leakage = LeakageAudit.find(train, heldOut, r.threshold(), progress);
    Manifest manifest =
        new Manifest(LeakageAudit.TOOL, r.version(), options, OptionalLong.empty(), manifestInputs);
    Path csv =
        LeakageAudit.write(
            leakage, manifest, r.out(), r.overwrite(), inputs, new LeakagePage(dataset, progress));
    return new Result(csv, leakage);
  }

  /** The embeddings of every split of a dataset, from one pass of one model. */
  private static Map<Split, EmbeddingSet> embed(
      ImageDataset ds, Inference.Options o, Progress progress) {
    if (ds.samples(Split.TRAIN).isEmpty()) {
      throw new DatasetException(ds.root() + ": has no train split to compare against");
    }
    if (ds.splits().size() < 2) {
      throw new DatasetException(
          ds.root() + ": has no test or validation split to audit (only train)");
    }
    return SplitEmbeddings.of(ds, ds.splits(), o, progress);
  }

  /** Refuses embeddings whose ids the dataset does not hold: the report could not show them. */
  private static void checkIds(ImageDataset ds, List<EmbeddingSet> sets) {
    Set<String> ids = new HashSet<>();
    for (Sample s : ds.samples()) {
      ids.add(s.id());
    }
    for (EmbeddingSet set : sets) {
      for (String id : set.ids()) {
        if (!ids.contains(id)) {
          throw new DatasetException(
              set.source()
                  + ": sample '"
                  + id
                  + "' is not in the dataset "
                  + ds.root()
                  + "; give the --data the embeddings were computed from, or leave --data out");
        }
      }
    }
  }
}

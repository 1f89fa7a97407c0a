package org.winnow.embed;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.winnow.nets.Network;

/**
 * A TorchScript module (a {@code .pt} file, or a PyTorch model from the DJL zoo). The embedding is
 * its exported {@code embed} method when it has one, else its {@code forward} output; either must
 * be 2-D ({@code [batch, features]}). It has no logits: without an {@code embed} method its {@code
 * forward} is the embedding, and with one nothing says that {@code forward} is a classifier.
 */
final class TorchScriptEmbeddingModel implements EmbeddingModel {

  /** The method name a module can export to give its embedding instead of its forward output. */
  static final String EMBED_METHOD = "embed";

  private final Model model;
  private final String source;
  private final Preprocessing preprocessing;
  private final PtSymbolBlock block;
  private final boolean hasEmbed;

  TorchScriptEmbeddingModel(Model model, String source, int imageSize) {
    if (!(model.getBlock() instanceof PtSymbolBlock b)) {
      model.close();
      throw new EmbeddingException(source + ": not a TorchScript model for the PyTorch engine");
    }
    this.model = model;
    this.source = source;
    this.block = b;
    this.hasEmbed = Arrays.asList(JniUtils.getMethodNames(b)).contains(EMBED_METHOD);
    this.preprocessing = Preprocessing.imagenet(imageSize);
  }

  @Override
  public String description() {
    return "torchscript " + source;
  }

  @Override
  public String layer() {
    return hasEmbed ? "torchscript method embed()" : "torchscript forward() output";
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public NDManager manager() {
    return model.getNDManager();
  }

  @Override
  public NDArray embed(NDManager batchManager, NDArray input) {
    NDArray out;
    if (hasEmbed) {
      try (IValue in = IValue.from((PtNDArray) input);
          IValue result = IValueUtils.runMethod(block, EMBED_METHOD, in)) {
        if (!result.isTensor()) {
          throw new EmbeddingException(source + ": embed() does not return a tensor");
        }
        out = result.toTensor((PtNDManager) batchManager);
      }
    } else {
      out =
          block
              .forward(new ParameterStore(batchManager, false), new NDList(input), false)
              .singletonOrThrow();
    }
    if (out.getShape().dimension() != 2) {
      throw new EmbeddingException(
          source
              + ": "
              + (hasEmbed ? "embed()" : "forward()")
              + " returns shape "
              + out.getShape()
              + ", but an embedding must be 2-D [batch, features] (export the model with its"
              + " classifier replaced by Identity, or add an embed method)");
    }
    return out;
  }

  /** A TorchScript module's outputs are not known to include logits beside the embedding. */
  @Override
  public boolean hasLogits() {
    return false;
  }

  @Override
  public Network.Outputs classify(NDManager batchManager, NDArray input) {
    throw new EmbeddingException(description() + ": a TorchScript model gives embeddings only");
  }

  @Override
  public void close() {
    model.close();
  }
}

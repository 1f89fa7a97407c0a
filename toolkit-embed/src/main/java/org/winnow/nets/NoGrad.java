package org.winnow.nets;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd recording off for a scope (inference, evaluation, JEST's scoring
 * pass) and restores the previous mode after. Without it every op on the parameters is recorded for
 * a backward pass that never comes. The mode is per thread in PyTorch: open it on the thread that
 * runs the model.
 */
public final class NoGrad implements AutoCloseable {

  private final boolean previous = JniUtils.isGradMode();

  /** Switches recording off until {@link #close}. */
  public NoGrad() {
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}

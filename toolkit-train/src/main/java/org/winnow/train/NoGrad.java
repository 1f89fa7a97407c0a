package org.winnow.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd recording off for a scope (evaluation, JEST's scoring pass, the
 * reference losses) and restores the previous mode after. Without it every op on the parameters is
 * recorded for a backward pass that never comes.
 */
final class NoGrad implements AutoCloseable {

  private final boolean previous = JniUtils.isGradMode();

  NoGrad() {
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}

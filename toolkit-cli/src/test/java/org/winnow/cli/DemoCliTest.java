package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The demo's defaults: a curve of 3 trials, so that it has error bars and can say what is noise.
 * (The demo itself runs in CI, .ci/run; its chain is DemoTest.)
 */
class DemoCliTest {

  @Test
  void runsThreeTrialsOfTheCurveByDefault() {
    WinnowCliTest.Result h = WinnowCliTest.run("demo", "--help");
    assertEquals(0, h.code(), h.err());
    String help = h.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--trials=N The curve's trials. Default: 3."), help);
    assertTrue(help.contains("Default: 1.0,0.5."), help);
    assertEquals(3, DemoCommand.TRIALS);
  }
}

package org.winnow.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.winnow.nets.Normalization;

/**
 * A set of same-sized 8-bit images held as one tensor on the training device, zero-padded by
 * {@value #PAD} px, from which batches are cut, augmented and normalised with tensor ops on that
 * device: nothing is decoded or copied from the host per step except a few numbers per sample.
 *
 * <p>Crop, flip and rotation are one gather: for every output pixel the source pixel of the padded
 * image is computed from the sample's offset, flip bit and angle (nearest pixel), so the padding
 * supplies the zeros that crop and rotation bring in. Jitter then scales brightness, contrast and
 * saturation on the gathered floats. Each sample's random numbers come from {@code (seed, epoch,
 * row)} alone, so a sample looks the same whichever batch it lands in and after a resume.
 *
 * <p>Rows are the images' numbers in their split. A whole split (IDX, CIFAR) holds rows {@code 0 ..
 * count-1}; a chunk of a streamed folder split ({@link StreamedImages}) holds the rows it was made
 * for, so augmentation draws the same numbers for a sample either way.
 */
final class DeviceImages implements ImageSource {

  /** Padding on each side: the crop's maximal shift. */
  static final int PAD = 4;

  private static final double MAX_ANGLE = Math.toRadians(15);
  private static final double JITTER = 0.4;

  private final NDManager manager;
  private final NDArray pixels;
  private final int[] labels;
  private final int count;
  private final int channels;
  private final int size;
  private final int padded;
  private final float[] mean;
  private final float[] std;

  /** Position in this block of each row it holds; null when it holds rows 0 .. count-1. */
  private final Map<Integer, Integer> positions;

  /**
   * Copies images to {@code device}.
   *
   * @param pixels {@code count × channels × size × size} bytes, CHW per image
   * @param labels the class of each image
   * @param rows the row number of each image in its split; null for {@code 0 .. count-1}
   */
  DeviceImages(
      Device device,
      byte[] pixels,
      int count,
      int channels,
      int size,
      int[] labels,
      Normalization normalization,
      int[] rows) {
    if (rows == null) {
      this.positions = null;
    } else {
      this.positions = HashMap.newHashMap(rows.length);
      for (int i = 0; i < rows.length; i++) {
        positions.put(rows[i], i);
      }
    }
    this.count = count;
    this.channels = channels;
    this.size = size;
    this.padded = size + 2 * PAD;
    this.labels = labels.clone();
    this.mean = normalization.mean();
    this.std = normalization.std();
    byte[] withBorder = new byte[count * channels * padded * padded];
    for (int plane = 0; plane < count * channels; plane++) {
      for (int y = 0; y < size; y++) {
        System.arraycopy(
            pixels,
            (plane * size + y) * size,
            withBorder,
            (plane * padded + y + PAD) * padded + PAD,
            size);
      }
    }
    this.manager = NDManager.newBaseManager(device);
    this.pixels =
        manager.create(
            java.nio.ByteBuffer.wrap(withBorder), new Shape(withBorder.length), DataType.UINT8);
  }

  /** Number of images. */
  @Override
  public int count() {
    return count;
  }

  /** Every chunk is read from this one block. */
  @Override
  public Feed feed(List<int[]> chunks) {
    return () -> new Chunk(this, false);
  }

  /** Where row {@code row} is in this block. */
  private int position(int row) {
    if (positions == null) {
      return row;
    }
    Integer p = positions.get(row);
    if (p == null) {
      throw new IllegalArgumentException("row " + row + " is not in this chunk");
    }
    return p;
  }

  /** The labels of {@code rows} as an int64 array in {@code m}. */
  NDArray labels(NDManager m, int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = labels[position(rows[i])];
    }
    return m.create(out);
  }

  /** Images {@code rows} as they are, normalised: {@code rows.length × C × S × S} float32. */
  NDArray plain(NDManager m, int[] rows) {
    return batch(m, rows, Set.of(), 0, 0);
  }

  /**
   * Images {@code rows} augmented with the sample's draws for {@code (seed, epoch)}, normalised.
   */
  NDArray batch(NDManager m, int[] rows, Set<Augmentation> augment, long seed, int epoch) {
    int b = rows.length;
    float[] cos = new float[b];
    float[] sin = new float[b];
    float[] flip = new float[b];
    float[] dx = new float[b];
    float[] dy = new float[b];
    float[] bright = new float[b];
    float[] contrast = new float[b];
    float[] saturation = new float[b];
    long[] base = new long[b];
    for (int i = 0; i < b; i++) {
      SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Seeds.AUGMENT, epoch, rows[i]));
      boolean crop = augment.contains(Augmentation.CROP);
      dx[i] = crop ? r.nextInt(2 * PAD + 1) : PAD;
      dy[i] = crop ? r.nextInt(2 * PAD + 1) : PAD;
      flip[i] = augment.contains(Augmentation.FLIP) && r.nextBoolean() ? 1 : 0;
      double angle =
          augment.contains(Augmentation.ROTATE15) ? r.nextDouble(-MAX_ANGLE, MAX_ANGLE) : 0;
      cos[i] = (float) Math.cos(angle);
      sin[i] = (float) Math.sin(angle);
      boolean jitter = augment.contains(Augmentation.JITTER);
      bright[i] = jitter ? (float) r.nextDouble(1 - JITTER, 1 + JITTER) : 1;
      contrast[i] = jitter ? (float) r.nextDouble(1 - JITTER, 1 + JITTER) : 1;
      saturation[i] = jitter ? (float) r.nextDouble(1 - JITTER, 1 + JITTER) : 1;
      base[i] = (long) position(rows[i]) * channels * padded * padded;
    }
    Shape perSample = new Shape(b, 1, 1);
    float centre = (size - 1) / 2f;
    NDArray xs = m.arange(0f, size).reshape(1, 1, size).sub(centre);
    NDArray ys = m.arange(0f, size).reshape(1, size, 1).sub(centre);
    NDArray c = m.create(cos, perSample);
    NDArray s = m.create(sin, perSample);
    NDArray sx = c.mul(xs).add(s.mul(ys)).add(centre);
    NDArray sy = c.mul(ys).sub(s.mul(xs)).add(centre);
    sx = sx.add(m.create(flip, perSample).mul(sx.mul(-2).add(size - 1)));
    NDArray px = sx.round().add(m.create(dx, perSample)).clip(0, padded - 1);
    NDArray py = sy.round().add(m.create(dy, perSample)).clip(0, padded - 1);
    NDArray within = py.mul(padded).add(px).toType(DataType.INT64, false).reshape(b, 1, size, size);
    long[] planes = new long[channels];
    for (int ch = 0; ch < channels; ch++) {
      planes[ch] = (long) ch * padded * padded;
    }
    NDArray index =
        within
            .add(m.create(base, new Shape(b, 1, 1, 1)))
            .add(m.create(planes, new Shape(1, channels, 1, 1)));
    NDArray x = pixels.take(m, index).toType(DataType.FLOAT32, false).div(255f);
    if (augment.contains(Augmentation.JITTER)) {
      x = jitter(m, x, bright, contrast, saturation);
    }
    return x.sub(m.create(mean, new Shape(1, channels, 1, 1)))
        .div(m.create(std, new Shape(1, channels, 1, 1)));
  }

  /** torchvision's ColorJitter order: brightness, contrast, saturation; values kept in [0, 1]. */
  private NDArray jitter(
      NDManager m, NDArray x, float[] bright, float[] contrast, float[] saturation) {
    int b = bright.length;
    Shape perSample = new Shape(b, 1, 1, 1);
    x = x.mul(m.create(bright, perSample)).clip(0, 1);
    NDArray gray = gray(m, x);
    NDArray meanGray = gray.reshape(b, -1).mean(new int[] {1}).reshape(perSample);
    NDArray fc = m.create(contrast, perSample);
    x = x.sub(meanGray).mul(fc).add(meanGray).clip(0, 1);
    if (channels == 3) {
      NDArray g = gray(m, x);
      x = x.sub(g).mul(m.create(saturation, perSample)).add(g).clip(0, 1);
    }
    return x;
  }

  /** Luma (ITU-R 601 weights, as PIL and torchvision) for RGB; the image itself for grayscale. */
  private NDArray gray(NDManager m, NDArray x) {
    if (channels == 1) {
      return x;
    }
    NDArray w = m.create(new float[] {0.299f, 0.587f, 0.114f}, new Shape(1, 3, 1, 1));
    return x.mul(w).sum(new int[] {1}, true);
  }

  @Override
  public void close() {
    manager.close();
  }
}

/**
 * Reads ImageNet-style class folders. The front door is {@link
 * org.winnow.datasets.folder.FolderDataset#open}; {@link
 * org.winnow.datasets.folder.SyntheticFolders} writes seeded folders for tests and benchmarks.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>{@code root/<class>/<image>}: every top-level folder is a class and every sample is in the
 *       TRAIN split.
 *   <li>{@code root/<split>/<class>/<image>}: used when <em>every</em> visible top-level folder is
 *       a split name, {@code train}, {@code val} (also {@code valid} or {@code validation}) or
 *       {@code test}, in any case. If only some are, all top-level folders are read as classes and
 *       a note says so.
 *   <li>Sub-folders inside a class folder, at any depth, belong to that class. Links are followed.
 *   <li>Files and folders whose name starts with {@code .} are ignored silently. Files directly
 *       under the root, or directly under a split folder, are ignored and listed in {@code
 *       notes()}.
 *   <li>Files ending in {@code .jpg}, {@code .jpeg}, {@code .png}, {@code .bmp} or {@code .gif}, in
 *       any case, are images; the decoder is chosen from the contents, so a PNG named {@code .jpg}
 *       reads fine.
 * </ul>
 *
 * <h2>Index</h2>
 *
 * A sample's id and source are its path relative to the root with {@code /} separators, e.g. {@code
 * train/n01440764/n01440764_10026.JPEG} or {@code cat/001.png}. Samples are sorted by id with
 * {@link java.lang.String#compareTo}, never in file-system order, so the same folder gives the same
 * index on every machine. The id (and the class name) is Unicode NFC, so a folder unpacked on a Mac
 * gives the ids it gives elsewhere; the source keeps the name as stored. Class names are the class
 * folder names of all splits together, sorted the same way; a label is an index into them.
 *
 * <h2>Bad files</h2>
 *
 * A scan that decodes nothing always finds: files in class folders that are not images by their
 * extension, zero-byte files, unreadable files (broken links, no permission) and class folders with
 * no image file. With {@link org.winnow.datasets.OpenOptions#verifyImages()} every image is also
 * decoded once at open, on all cores, to find truncated and corrupt files; without it, those are
 * found by {@code decode}, which throws a {@link org.winnow.datasets.DatasetException} naming the
 * file. Under {@link org.winnow.datasets.BadImagePolicy#FAIL} open stops with the first bad file in
 * path order and the number of bad files; under {@link org.winnow.datasets.BadImagePolicy#SKIP} bad
 * files are left out and listed in {@code badFiles()}, and a class left with no image in any split
 * is dropped (and named in a note). Nothing is ever written into the dataset folder.
 *
 * <h2>Pixels</h2>
 *
 * Files are decoded with ImageIO and converted as PIL's {@code convert("RGB")} (or {@code
 * convert("L")} in GRAY mode) would, so the pixels match what a torchvision pipeline sees:
 *
 * <ul>
 *   <li>Grayscale, 8- or 16-bit: the stored samples, not {@code getRGB} (Java takes grey as linear
 *       light and brightens it); 16-bit values become {@code round(v * 255 / 65535)}. RGB mode
 *       repeats the grey value in all three channels.
 *   <li>Palette images (PNG, GIF, 1-, 2- and 4-bit grey PNG): the palette colours.
 *   <li>Alpha is dropped, not composited onto a background.
 *   <li>16-bit RGB: {@code round(v * 255 / 65535)} per channel.
 *   <li>CMYK and YCCK JPEGs: {@code R = (255 - C) * (255 - K) / 255}, likewise G from M and B from
 *       Y, rounded, with no colour profile. The JDK 25 reader already undoes the inversion Adobe
 *       applications store CMYK with and turns YCCK into CMYK; on the stored bytes the rule is
 *       {@code R = C' * K' / 255}.
 *   <li>GRAY mode from colour: {@code L = (299 R + 587 G + 114 B + 500) / 1000}.
 *   <li>Animated GIF: the first frame.
 *   <li>A JPEG that decodes with a warning from the JDK (a truncated file, damaged data) is a
 *       truncated or corrupt image; warnings that only concern ignored metadata are not.
 * </ul>
 *
 * Known differences from PIL: the JDK applies an RGB JPEG's embedded ICC profile (PIL ignores it),
 * a colour space other than grey, RGB or CMYK goes through the JDK's conversion to sRGB, and the
 * first frame of a GIF is not placed on the logical screen when it is smaller. Images over
 * 178,956,970 pixels (PIL's decompression-bomb limit) are rejected as bad files.
 */
package org.winnow.datasets.folder;
